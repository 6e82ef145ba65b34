using ResNetService.Training.Evaluation;
using ResNetService.Training.Telemetry;

namespace ResNetService.Training.Tests.Engine;

/// <param name="mayWrite">What <see cref="ITrainingObserver.MayWrite"/> answers; null: always yes.</param>
internal sealed class RecordingObserver(Action<TrainingProgress>? onProgress = null, Action<EpochMetrics>? onEpoch = null, Func<bool>? mayWrite = null)
    : ITrainingObserver
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

    public bool MayWrite => mayWrite?.Invoke() != false;
}
