using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Telemetry;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>Tells the host's observer of the run's progress every few batches and at the end of each epoch, and of each epoch's metrics.</summary>
/// <param name="everyBatches">Progress is reported after every this many batches (and after an epoch's last).</param>
internal sealed class ObserverReport(ITrainingObserver observer, int everyBatches) : ITrainingCallback
{
    private ProgressMeter? _meter;

    public void OnRunStart(TrainingRun run, TrainerState state) => _meter = new ProgressMeter(run.TotalSteps, state.GlobalStep);

    public void OnBatchEnd(TrainingRun run, TrainerState state, BatchEnd batch)
    {
        var meter = _meter ?? throw new InvalidOperationException("The run has not started.");
        meter.Add(batch.Images);
        if (state.StepInEpoch % everyBatches != 0 && state.StepInEpoch != run.StepsPerEpoch)
            return;
        var (imagesPerSecond, eta) = meter.Read(state.GlobalStep);
        var seen = Math.Max(1, state.EpochSeen);
        observer.OnProgress(new TrainingProgress(state.Epoch, run.Epochs, state.StepInEpoch, run.StepsPerEpoch,
            state.EpochLossSum / seen, (double)state.EpochCorrect / seen, batch.LearningRate, imagesPerSecond, eta));
    }

    public TrainerState OnValidationEnd(TrainingRun run, TrainerState state, EpochMetrics metrics)
    {
        observer.OnEpochCompleted(metrics);
        return state;
    }
}
