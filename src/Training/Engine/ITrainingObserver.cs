namespace ResNetService.Training.Engine;

/// <summary>Receives a training's progress; called on the training thread, so keep it quick.</summary>
public interface ITrainingObserver
{
    void OnProgress(TrainingProgress progress);

    void OnEpochCompleted(EpochMetrics metrics);
}
