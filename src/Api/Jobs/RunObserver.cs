using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>
/// Writes a running job's progress (at most about once a second) and its epoch metrics to the records, while this
/// worker holds the run. Best-effort: a write that fails is logged, and never ends the training (the final history
/// is written again when the run ends).
/// </summary>
public sealed class RunObserver(RunStore runs, string runId, string owner, ILogger logger) : ITrainingObserver
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private DateTime _lastWrite = DateTime.MinValue;

    public void OnProgress(TrainingProgress progress)
    {
        var now = DateTime.UtcNow;
        var endOfEpoch = progress.Step == progress.StepsPerEpoch;
        if (now - _lastWrite < ProgressInterval && !endOfEpoch)
            return;
        _lastWrite = now;
        var update = JobProgress.Of(progress);
        BestEffort("progress", () => runs.TryUpdate(runId, r => r.LeaseOwner == owner, set => set.SetProperty(r => r.Progress, update)));
    }

    public void OnEpochCompleted(EpochMetrics metrics) => BestEffort($"epoch {metrics.Epoch}", () => runs.RecordEpoch(runId, metrics));

    private void BestEffort(string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e)
        {
            logger.LogWarning("Run {RunId}: could not record its {What} ({Problem}); training goes on", runId, what, e.Message);
        }
    }
}
