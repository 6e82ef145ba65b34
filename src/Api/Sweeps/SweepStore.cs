using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>Sweeps in the records database, and their trials (runs tagged with the sweep's id).</summary>
public sealed class SweepStore(RecordsDatabase database, RunStore runs)
{
    public SweepRow Create(SweepRow sweep)
    {
        using var db = database.Open();
        db.Sweeps.Add(sweep);
        db.SaveChanges();
        return sweep;
    }

    public SweepRow? Get(string id)
    {
        if (!ResourceIds.IsValid(id))
            return null;
        using var db = database.Open();
        return db.Sweeps.AsNoTracking().FirstOrDefault(s => s.Id == id);
    }

    /// <summary>Newest first.</summary>
    public (IReadOnlyList<SweepRow> Items, int Total) Page(SweepState? state, int page, int pageSize)
    {
        using var db = database.Open();
        return Paging.Read(db.Sweeps.AsNoTracking().Where(s => state == null || s.State == state).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id),
            page, pageSize);
    }

    public IReadOnlyList<string> Running()
    {
        using var db = database.Open();
        return db.Sweeps.AsNoTracking().Where(s => s.State == SweepState.Running).Select(s => s.Id).ToList();
    }

    /// <summary>Ends a running sweep, in one conditional update.</summary>
    /// <returns>Whether this call ended it (false: it had ended already).</returns>
    public bool TryEnd(string id, SweepState to, SweepEnd? reason)
    {
        using var db = database.Open();
        var now = DateTimeOffset.UtcNow;
        return db.Sweeps.Where(s => s.Id == id && s.State == SweepState.Running)
            .ExecuteUpdate(set => set.SetProperty(s => s.State, to).SetProperty(s => s.EndReason, reason).SetProperty(s => s.FinishedAt, now)) == 1;
    }

    /// <summary>The sweep's trials, by number.</summary>
    public IReadOnlyList<RunRow> Trials(string id)
    {
        using var db = database.Open();
        return db.Runs.AsNoTracking().Where(r => r.SweepId == id).OrderBy(r => r.SweepTrial).ToList();
    }

    /// <summary>Trials of every sweep, by state and rung.</summary>
    public IReadOnlyList<(JobState State, int Rung, int Count)> CountTrials()
    {
        using var db = database.Open();
        return db.Runs.AsNoTracking().Where(r => r.SweepId != null).GroupBy(r => new { r.State, r.SweepRung })
            .Select(g => new { g.Key.State, g.Key.SweepRung, Count = g.Count() }).AsEnumerable()
            .Select(g => (g.State, g.SweepRung ?? 0, g.Count)).ToList();
    }

    /// <summary>The trials' epochs, in order, by run id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EpochMetrics>> Histories(IReadOnlyCollection<string> runIds) => HistoriesOf(EpochRows(runIds));

    /// <summary>The sweep as GET /sweeps/{id} answers, read from the records now.</summary>
    public SweepDetails Details(SweepRow sweep)
    {
        var trials = Trials(sweep.Id);
        var rows = EpochRows(trials.Select(t => t.Id).ToList());
        var trialOf = trials.ToDictionary(t => t.Id, t => t.SweepTrial ?? 0);
        // Epochs recorded before the time was kept come first, by trial: the best guess at their order.
        var spent = rows.OrderBy(e => e.RecordedAt ?? DateTimeOffset.MinValue).ThenBy(e => trialOf[e.RunId]).ThenBy(e => e.Epoch)
            .Select(e => (trialOf[e.RunId], e.ToMetrics())).ToList();
        return SweepDetails.Of(sweep, trials, HistoriesOf(rows), spent);
    }

    private List<EpochRow> EpochRows(IReadOnlyCollection<string> runIds)
    {
        using var db = database.Open();
        return db.Epochs.AsNoTracking().Where(e => runIds.Contains(e.RunId)).ToList();
    }

    private static Dictionary<string, IReadOnlyList<EpochMetrics>> HistoriesOf(IEnumerable<EpochRow> rows) =>
        rows.GroupBy(e => e.RunId).ToDictionary(g => g.Key, g => (IReadOnlyList<EpochMetrics>)g.OrderBy(e => e.Epoch).Select(e => e.ToMetrics()).ToList());

    /// <summary>
    /// Records a new trial unless another process recorded the same one first: trial numbers are unique per sweep,
    /// so of two processes that decide the same trial, one insert fails and that one does nothing more.
    /// </summary>
    public bool TryAddTrial(RunRow run)
    {
        using (var db = database.Open())
        {
            db.Runs.Add(run);
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException) when (Exists(run.SweepId!, run.SweepTrial!.Value))
            {
                return false;
            }
        }
        Directory.CreateDirectory(runs.FolderOf(run.Id));
        return true;
    }

    /// <summary>
    /// Queues a paused trial again for the next rung, in one conditional update: of two processes, one promotes it.
    /// Its attempts are not reset (as a user's resume does): workers lost over all its rungs count toward Jobs:MaxAttempts.
    /// </summary>
    public bool TryPromote(string runId, int fromRung, int toRung, int? epochLimit) =>
        runs.TryMove(runId, JobState.Queued, set => set
                .SetProperty(r => r.SweepRung, toRung)
                .SetProperty(r => r.EpochLimit, epochLimit)
                .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null),
            condition: r => r.State == JobState.Paused && r.SweepRung == fromRung);

    private bool Exists(string sweepId, int trial)
    {
        using var db = database.Open();
        return db.Runs.Any(r => r.SweepId == sweepId && r.SweepTrial == trial);
    }
}
