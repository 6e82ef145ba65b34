using ResNetService.Training.Engine;

namespace ResNetService.Training.Tests.Engine;

internal sealed class RecordingObserver(Action<TrainingProgress>? onProgress = null, Action<EpochMetrics>? onEpoch = null) : ITrainingObserver
{
    public List<TrainingProgress> Progress { get; } = [];

    public List<EpochMetrics> Epochs { get; } = [];

    public void OnProgress(TrainingProgress progress)
    {
        Progress.Add(progress);
        onProgress?.Invoke(progress);
    }

    public void OnEpochCompleted(EpochMetrics metrics)
    {
        Epochs.Add(metrics);
        onEpoch?.Invoke(metrics);
    }
}
