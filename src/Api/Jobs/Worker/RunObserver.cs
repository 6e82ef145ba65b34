using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Telemetry;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Writes a running job's progress (at most about once a second) and its epoch metrics to the records, each fenced by
/// the worker's lease. Best-effort: a write that fails is logged, and never ends the training (the final history is
/// written again when the run ends). A write refused because the lease no longer holds the run reports the loss to the
/// heartbeat at once, which stops the training; the trainer writes files only while the heartbeat says it holds the run.
/// </summary>
public sealed class RunObserver(RunStore runs, RunLease lease, RunHeartbeat heartbeat, ILogger logger) : ITrainingObserver
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
        BestEffort("progress", () => runs.TryUpdate(lease.RunId, lease.Holds, set => set.SetProperty(r => r.Progress, update)));
    }

    public void OnEpochCompleted(EpochMetrics metrics) => BestEffort($"epoch {metrics.Epoch}", () => runs.RecordEpoch(lease, metrics));

    public bool MayWrite => heartbeat.Holds;

    private void BestEffort(string what, Func<bool> write)
    {
        try
        {
            if (!write())
                heartbeat.Lost($"the records refused its {what}: lease {lease.Number} no longer holds the run");
        }
        catch (Exception e)
        {
            logger.LogWarning("Run {RunId}: could not record its {What} ({Problem}); training goes on", lease.RunId, what, e.Message);
        }
    }
}
