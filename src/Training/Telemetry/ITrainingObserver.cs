using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Telemetry;

/// <summary>Receives a training's progress; called on the training thread, so keep it quick.</summary>
public interface ITrainingObserver
{
    void OnProgress(TrainingProgress progress);

    void OnEpochCompleted(EpochMetrics metrics);

    /// <summary>
    /// Asked before every file the training writes (checkpoints, the best weights, the model). False once the run is
    /// no longer this trainer's (another worker has it): no more files are written, and instead of its model the
    /// trainer throws <see cref="OperationCanceledException"/> (cancel its token as well to stop it sooner).
    /// </summary>
    bool MayWrite => true;
}
