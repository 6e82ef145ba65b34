using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>Records a running job's progress and epoch metrics in its run record.</summary>
public sealed class RunObserver(RunStore runs, string runId) : ITrainingObserver
{
    public void OnProgress(TrainingProgress progress)
    {
        // The state is restated with every update, so a record written concurrently by the API (in another process) heals.
        runs.Update(runId, r => r with { State = JobState.Running, Progress = JobProgress.Of(progress) });
    }

    public void OnEpochCompleted(EpochMetrics metrics)
    {
        runs.RecordMetrics(runId, metrics);
        runs.Update(runId, r => r with { LatestMetrics = metrics });
    }
}
