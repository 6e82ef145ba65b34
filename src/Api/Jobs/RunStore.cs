using ResNetService.Api.Storage;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>
/// Runs under <c>runs/{id}/</c>: <c>run.json</c> (the job record), <c>metrics.json</c> (the epoch history), the
/// trainer's <c>checkpoints/</c> and, while a cancellation is pending, the <c>cancel-requested</c> marker. The marker is
/// a file of its own because the API asks for cancellation while a worker (maybe in another process) owns run.json.
/// </summary>
public sealed class RunStore(DataRoot root)
{
    private const string RecordFile = "run.json";
    private const string MetricsFile = "metrics.json";
    private const string CancelMarker = "cancel-requested";
    private const string RecordLock = ".run.lock";
    private const string TrainingLock = ".training.lock";
    private static readonly TimeSpan RecordLockTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _writing = new();

    public JobRecord Create(JobRecord record)
    {
        var staging = DataRoot.Stage(root.Runs, record.Id);
        AtomicFile.WriteJson(Path.Combine(staging, RecordFile), record);
        DataRoot.Publish(staging, root.Runs, record.Id);
        return record;
    }

    public JobRecord? Get(string id) =>
        DataRoot.FolderOf(root.Runs, id) is { } folder ? AtomicFile.ReadJson<JobRecord>(Path.Combine(folder, RecordFile)) : null;

    public IReadOnlyList<JobRecord> List() =>
        DataRoot.Ids(root.Runs).Select(Get).OfType<JobRecord>().OrderByDescending(r => r.CreatedAt).ToList();

    /// <summary>
    /// Read, change and write the record, serialised across processes (the API and workers share the data root),
    /// so a worker's progress update and the API's bookkeeping never overwrite each other.
    /// </summary>
    public JobRecord Update(string id, Func<JobRecord, JobRecord> change)
    {
        lock (_writing)
        {
            using var _ = FileLock.Wait(Path.Combine(FolderOf(id), RecordLock), RecordLockTimeout);
            var updated = change(Get(id) ?? throw new InvalidOperationException($"Run {id} does not exist."));
            AtomicFile.WriteJson(Path.Combine(FolderOf(id), RecordFile), updated);
            return updated;
        }
    }

    /// <summary>
    /// Makes this process the run's only trainer until disposed; null when another worker (in any process) already
    /// trains it. Hangfire may hand a run out twice (a resume while the requeued job waits, a redelivery), and two
    /// trainers in one folder would mix their checkpoints.
    /// </summary>
    public IDisposable? TryClaim(string id) => FileLock.TryTake(Path.Combine(FolderOf(id), TrainingLock));

    /// <summary>Whether a live worker trains the run right now.</summary>
    public bool IsClaimed(string id)
    {
        using var claim = TryClaim(id);
        return claim is null;
    }

    public IReadOnlyList<EpochMetrics> Metrics(string id) =>
        AtomicFile.ReadJson<List<EpochMetrics>>(Path.Combine(FolderOf(id), MetricsFile)) ?? [];

    /// <summary>
    /// Records an epoch, replacing an earlier record of the same epoch: a run resumed from a checkpoint taken before
    /// that epoch's end trains it again, and the history must still hold every epoch once.
    /// </summary>
    public void RecordMetrics(string id, EpochMetrics metrics)
    {
        lock (_writing)
            ReplaceMetrics(id, Metrics(id).Where(m => m.Epoch != metrics.Epoch).Append(metrics));
    }

    /// <summary>Writes the history as the trainer's final state has it.</summary>
    public void ReplaceMetrics(string id, IEnumerable<EpochMetrics> history)
    {
        lock (_writing)
            AtomicFile.WriteJson(Path.Combine(FolderOf(id), MetricsFile), history.OrderBy(m => m.Epoch).ToList());
    }

    public void RequestCancel(string id) => File.WriteAllBytes(Path.Combine(FolderOf(id), CancelMarker), []);

    public bool IsCancelRequested(string id) => File.Exists(Path.Combine(FolderOf(id), CancelMarker));

    public void ClearCancel(string id) => File.Delete(Path.Combine(FolderOf(id), CancelMarker));

    /// <summary>The trainer's run folder (its checkpoints and final model).</summary>
    public string FolderOf(string id) => DataRoot.FolderOf(root.Runs, id) ?? throw new ArgumentException($"'{id}' is not a run id.", nameof(id));
}
