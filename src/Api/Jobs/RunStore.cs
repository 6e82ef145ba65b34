using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>
/// Runs in the records database, their epoch history, and their folders <c>runs/{id}/</c> on the data volume (the
/// trainer's checkpoints). Every state change goes through <see cref="TryMove"/>.
/// </summary>
public sealed class RunStore(RecordsDatabase database, DataRoot root)
{
    public RunRow Create(RunRow run)
    {
        Directory.CreateDirectory(FolderOf(run.Id));
        using var db = database.Open();
        db.Runs.Add(run);
        db.SaveChanges();
        return run;
    }

    public RunRow? Get(string id)
    {
        if (!ResourceIds.IsValid(id))
            return null;
        using var db = database.Open();
        return db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id);
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

    /// <summary>A run still to finish on the dataset, if any.</summary>
    public RunRow? ActiveOn(string datasetId) => FirstActive(r => r.DatasetId == datasetId);

    /// <summary>A run still to finish that starts from the model, if any.</summary>
    public RunRow? ActiveFrom(string modelId) => FirstActive(r => r.SourceModelId == modelId);

    private RunRow? FirstActive(Expression<Func<RunRow, bool>> condition)
    {
        using var db = database.Open();
        return db.Runs.AsNoTracking().Where(condition).FirstOrDefault(r => !Finished.Contains(r.State));
    }

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
    /// allows, and only while <paramref name="owner"/> (when given) holds its lease.
    /// </summary>
    /// <returns>Whether this call made the change; false when the run was not in a state that allows it (or is gone).</returns>
    public bool TryMove(string id, JobState to, Action<UpdateSettersBuilder<RunRow>>? also = null, string? owner = null,
        Expression<Func<RunRow, bool>>? condition = null)
    {
        var from = JobTransitions.From(to);
        using var db = database.Open();
        var query = db.Runs.Where(r => r.Id == id && from.Contains(r.State));
        if (owner is not null)
            query = query.Where(r => r.LeaseOwner == owner);
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

    /// <summary>Records an epoch, replacing an earlier record of it (a run resumed from inside that epoch trains it again).</summary>
    public void RecordEpoch(string id, EpochMetrics metrics)
    {
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        db.Epochs.Where(e => e.RunId == id && e.Epoch == metrics.Epoch).ExecuteDelete();
        db.Epochs.Add(EpochRow.Of(id, metrics));
        db.SaveChanges();
        transaction.Commit();
    }

    /// <summary>Writes the history as the trainer's final state has it.</summary>
    public void ReplaceMetrics(string id, IEnumerable<EpochMetrics> history)
    {
        using var db = database.Open();
        using var transaction = db.Database.BeginTransaction();
        db.Epochs.Where(e => e.RunId == id).ExecuteDelete();
        db.Epochs.AddRange(history.Select(m => EpochRow.Of(id, m)));
        db.SaveChanges();
        transaction.Commit();
    }

    /// <summary>Deletes a finished run: its record, history and checkpoints (a model it published stays).</summary>
    /// <returns>False when the run is not finished (any more) or is gone.</returns>
    public bool Delete(string id)
    {
        using (var db = database.Open())
        {
            if (db.Runs.Where(r => r.Id == id && Finished.Contains(r.State)).ExecuteDelete() == 0)
                return false;
        }
        if (Directory.Exists(FolderOf(id)))
            root.Delete(FolderOf(id));
        return true;
    }

    /// <summary>The run's folder on the data volume (its checkpoints and, briefly, its final model).</summary>
    public string FolderOf(string id) => DataRoot.FolderOf(root.Runs, id) ?? throw new ArgumentException($"'{id}' is not a run id.", nameof(id));

    private static readonly JobState[] Finished = Enum.GetValues<JobState>().Where(JobTransitions.IsFinished).ToArray();
}
