using System.Globalization;
using Microsoft.Extensions.Options;
using ResNetService.Api.Runs;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// A run's files on the data volume, kept apart per attempt. Each lease trains in a folder of its own,
/// <c>runs/{id}/attempts/{n}/</c> (its checkpoints, then its <c>model.ckpt</c>), so a worker that lost the run and
/// still writes never touches the files of the one that has it now. The run's kept checkpoints are in
/// <c>runs/{id}/checkpoints/</c>: the owner whose final state change won promotes its own and earlier attempts'
/// checkpoints there. File work happens outside every transaction, after the database has said who owns the run.
/// </summary>
public sealed class RunFolders(RunStore runs, IOptions<TrainerSettings> settings)
{
    public const string AttemptsFolder = "attempts";

    /// <summary>Where the lease's attempt trains: the trainer's run folder.</summary>
    public string AttemptOf(RunLease lease) => Path.Combine(AttemptsOf(lease.RunId), lease.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The run's kept checkpoints (between attempts, and after it ended).</summary>
    public string CheckpointsOf(string runId) => Path.Combine(runs.FolderOf(runId), Trainer.CheckpointsFolder);

    /// <summary>
    /// Readies the lease's attempt folder: copies in the newest checkpoints of the run's kept ones and of earlier
    /// attempts (a worker that died promoted nothing), for the trainer to resume from.
    /// </summary>
    public void Prepare(RunLease lease)
    {
        var sources = Earlier(lease, includingOwn: false).Select(CheckpointsIn).Prepend(CheckpointsOf(lease.RunId));
        new TrainingCheckpoints(CheckpointsIn(AttemptOf(lease)), settings.Value.KeepLastCheckpoints).CopyNewestFrom(sources);
    }

    /// <summary>
    /// Once the lease's final state change has won: promotes the checkpoints of this and earlier attempts to the run's
    /// kept ones (after success only the newest: the model holds the best weights) and removes the attempt folders.
    /// </summary>
    public void Promote(RunLease lease, bool succeeded)
    {
        var attempts = Earlier(lease, includingOwn: true);
        var kept = CheckpointsOf(lease.RunId);
        new TrainingCheckpoints(kept, settings.Value.KeepLastCheckpoints).MoveFrom(attempts.Select(CheckpointsIn));
        if (succeeded)
            TrainingCheckpoints.PruneToNewest(kept);
        foreach (var attempt in attempts)
            RemoveAttempt(attempt);
    }

    /// <summary>
    /// A worker that lost the run may still be writing its last checkpoint there (it stops within a lease period):
    /// then the folder stays, and the next promotion or the run's deletion takes it.
    /// </summary>
    private static void RemoveAttempt(string attempt)
    {
        try
        {
            Directory.Delete(attempt, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string AttemptsOf(string runId) => Path.Combine(runs.FolderOf(runId), AttemptsFolder);

    /// <summary>The folders of the run's attempts numbered below the lease's (and its own), oldest first.</summary>
    private List<string> Earlier(RunLease lease, bool includingOwn)
    {
        var folder = AttemptsOf(lease.RunId);
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetDirectories(folder)
            .Select(path => (Path: path, Number: int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(a => a.Number >= 0 && (a.Number < lease.Number || (includingOwn && a.Number == lease.Number)))
            .OrderBy(a => a.Number)
            .Select(a => a.Path)
            .ToList();
    }

    private static string CheckpointsIn(string attempt) => Path.Combine(attempt, Trainer.CheckpointsFolder);
}
