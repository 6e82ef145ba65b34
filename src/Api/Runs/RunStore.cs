using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Runs;

/// <summary>
/// Runs in the records database, their epoch history, and their folders <c>runs/{id}/</c> on the data volume (the
/// trainer's checkpoints). Every state change goes through <see cref="TryMove"/>.
/// </summary>
public sealed class RunStore(RecordsDatabase database, DataRoot root)
{
    /// <summary>
    /// Records the run in one transaction with the check that its dataset and source model exist, which holds them
    /// against a delete until it commits (a delete checks for runs that use them the same way).
    /// </summary>
    /// <returns>What is gone, so that nothing was recorded; null once the run is recorded.</returns>
    public RunInput? Create(RunRow run)
    {
        Directory.CreateDirectory(FolderOf(run.Id));
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        if (HoldInputs(db, run.DatasetId, run.SourceModelId) is { } gone)
            return gone;
        db.Runs.Add(run);
        db.SaveChanges();
        transaction.Commit();
        return null;
    }

    /// <summary>
    /// Queues a cancelled, interrupted or failed run again with <paramref name="training"/>, its attempts counted from
    /// zero, in one transaction with the check that its dataset and source model still exist (as <see cref="Create"/>).
    /// </summary>
    /// <returns>Requeued: whether this call queued it (false: it was not in a state to resume, or is gone). Gone: the input that was deleted, when one was; then nothing changed.</returns>
    public (bool Requeued, RunInput? Gone) Requeue(string id, TrainingOptions training)
    {
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        if (db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id) is not { } run)
            return (false, null);
        if (HoldInputs(db, run.DatasetId, run.SourceModelId) is { } gone)
            return (false, gone);
        var requeued = Move(db, id, JobState.Queued, set => set
            .SetProperty(r => r.Training, training)
            .SetProperty(r => r.Attempts, 0)
            .SetProperty(r => r.Error, (string?)null)
            .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.CancelRequested, false));
        transaction.Commit();
        return (requeued, null);
    }

    private RunInput? HoldInputs(RecordsDbContext db, string datasetId, string? sourceModelId)
    {
        if (!database.Hold<DatasetRow>(db, datasetId, exclusive: false))
            return RunInput.Dataset;
        if (sourceModelId is not null && !database.Hold<ModelRow>(db, sourceModelId, exclusive: false))
            return RunInput.SourceModel;
        return null;
    }

    public RunRow? Get(string id)
    {
        if (!ResourceIds.IsValid(id))
            return null;
        using var db = database.Open();
        return db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id);
    }

    /// <summary>Whether the run is a trial of a sweep that is still running, which decides from its trials' records.</summary>
    public bool IsTrialOfRunningSweep(RunRow run)
    {
        using var db = database.Open();
        return run.SweepId is { } sweepId && db.Sweeps.AsNoTracking().Any(s => s.Id == sweepId && s.State == SweepState.Running);
    }

    /// <summary>Newest first.</summary>
    public (IReadOnlyList<RunRow> Items, int Total) Page(JobState? state, int page, int pageSize)
    {
        using var db = database.Open();
        return Paging.Read(db.Runs.AsNoTracking().Where(r => state == null || r.State == state).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
            page, pageSize);
    }

    public IReadOnlyDictionary<JobState, int> CountByState()
    {
        using var db = database.Open();
        return db.Runs.AsNoTracking().GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(g => g.Key, g => g.Count);
    }

    /// <summary>A run still to finish on the dataset, if any; read in <paramref name="db"/>'s transaction by a delete.</summary>
    public static RunRow? ActiveOn(RecordsDbContext db, string datasetId) => FirstActive(db, r => r.DatasetId == datasetId);

    /// <summary>A run still to finish that starts from the model, if any; read in <paramref name="db"/>'s transaction by a delete.</summary>
    public static RunRow? ActiveFrom(RecordsDbContext db, string modelId) => FirstActive(db, r => r.SourceModelId == modelId);

    private static RunRow? FirstActive(RecordsDbContext db, Expression<Func<RunRow, bool>> condition) =>
        db.Runs.AsNoTracking().Where(condition).FirstOrDefault(r => !JobTransitions.Finished.Contains(r.State));

    public IReadOnlyList<EpochMetrics> Metrics(string id)
    {
        using var db = database.Open();
        return db.Epochs.AsNoTracking().Where(e => e.RunId == id).OrderBy(e => e.Epoch).AsEnumerable().Select(e => e.ToMetrics()).ToList();
    }

    /// <summary>The last recorded epoch of each run.</summary>
    public IReadOnlyDictionary<string, EpochMetrics> LatestMetrics(IReadOnlyCollection<string> ids)
    {
        using var db = database.Open();
        return db.Epochs.AsNoTracking().Where(e => ids.Contains(e.RunId)).AsEnumerable()
            .GroupBy(e => e.RunId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Epoch)!.ToMetrics());
    }

    /// <summary>
    /// Moves the run to <paramref name="to"/> in one conditional update, from any state <see cref="JobTransitions"/>
    /// allows, and only while <paramref name="lease"/> (when given) holds it.
    /// </summary>
    /// <returns>Whether this call made the change; false when the run was not in a state that allows it (or is gone), or the lease no longer holds it.</returns>
    public bool TryMove(string id, JobState to, Action<UpdateSettersBuilder<RunRow>>? also = null, RunLease? lease = null,
        Expression<Func<RunRow, bool>>? condition = null)
    {
        using var db = database.Open();
        return Move(db, id, to, also, lease, condition);
    }

    private static bool Move(RecordsDbContext db, string id, JobState to, Action<UpdateSettersBuilder<RunRow>>? also = null, RunLease? lease = null,
        Expression<Func<RunRow, bool>>? condition = null)
    {
        var from = JobTransitions.From(to);
        var query = db.Runs.Where(r => r.Id == id && from.Contains(r.State));
        if (lease is not null)
            query = query.Where(lease.Holds);
        if (condition is not null)
            query = query.Where(condition);
        var now = DateTimeOffset.UtcNow;
        return query.ExecuteUpdate(set =>
        {
            set.SetProperty(r => r.State, to);
            if (JobTransitions.IsFinished(to))
            {
                set.SetProperty(r => r.FinishedAt, now);
                set.SetProperty(r => r.LeaseOwner, (string?)null);
                set.SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null);
                set.SetProperty(r => r.CancelRequested, false);
            }
            also?.Invoke(set);
        }) == 1;
    }

    /// <summary>Changes fields that are not the state (the Hangfire job, the cancellation request), in one conditional update.</summary>
    public bool TryUpdate(string id, Expression<Func<RunRow, bool>> condition, Action<UpdateSettersBuilder<RunRow>> set)
    {
        using var db = database.Open();
        return db.Runs.Where(r => r.Id == id).Where(condition).ExecuteUpdate(set) == 1;
    }

    /// <summary>
    /// Records an epoch, replacing an earlier record of it (a run resumed from inside that epoch trains it again),
    /// while <paramref name="lease"/> holds the run.
    /// </summary>
    /// <returns>False when the lease no longer holds the run: nothing was written.</returns>
    public bool RecordEpoch(RunLease lease, EpochMetrics metrics)
    {
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        if (!Fence(db, lease))
            return false;
        db.Epochs.Where(e => e.RunId == lease.RunId && e.Epoch == metrics.Epoch).ExecuteDelete();
        db.Epochs.Add(EpochRow.Of(lease.RunId, metrics, DateTimeOffset.UtcNow));
        db.SaveChanges();
        transaction.Commit();
        return true;
    }

    /// <summary>
    /// Writes the history as the trainer's final state has it, while <paramref name="lease"/> holds the run; epochs
    /// recorded before keep when they were recorded.
    /// </summary>
    /// <returns>False when the lease no longer holds the run: nothing was written.</returns>
    public bool ReplaceMetrics(RunLease lease, IEnumerable<EpochMetrics> history)
    {
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        if (!Fence(db, lease))
            return false;
        var recorded = db.Epochs.AsNoTracking().Where(e => e.RunId == lease.RunId).ToDictionary(e => e.Epoch, e => e.RecordedAt);
        db.Epochs.Where(e => e.RunId == lease.RunId).ExecuteDelete();
        var now = DateTimeOffset.UtcNow;
        db.Epochs.AddRange(history.Select(m => EpochRow.Of(lease.RunId, m, recorded.TryGetValue(m.Epoch, out var at) ? at : now)));
        db.SaveChanges();
        transaction.Commit();
        return true;
    }

    /// <summary>
    /// The first statement of a write that <paramref name="lease"/> makes: takes the run's row for the rest of the
    /// transaction, so that no worker can take the run over before the write commits, and only if the lease still
    /// holds it.
    /// </summary>
    /// <returns>False when another worker has taken the run or it was settled: the caller writes nothing.</returns>
    public static bool Fence(RecordsDbContext db, RunLease lease) =>
        db.Runs.Where(lease.Holds).ExecuteUpdate(set => set.SetProperty(r => r.LeaseNumber, r => r.LeaseNumber)) == 1;

    /// <summary>Deletes a finished run: its record, history and checkpoints (a model it published stays).</summary>
    /// <returns>False when the run is not finished (any more) or is gone.</returns>
    public bool Delete(string id)
    {
        using (var db = database.Open())
        {
            if (db.Runs.Where(r => r.Id == id && JobTransitions.Finished.Contains(r.State)).ExecuteDelete() == 0)
                return false;
        }
        if (Directory.Exists(FolderOf(id)))
            root.Delete(FolderOf(id));
        return true;
    }

    /// <summary>The run's folder on the data volume (its checkpoints and, briefly, its final model).</summary>
    public string FolderOf(string id) => DataRoot.FolderOf(root.Runs, id) ?? throw new ArgumentException($"'{id}' is not a run id.", nameof(id));
}
