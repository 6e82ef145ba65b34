using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Telemetry;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>Records the run's steps, images and epochs in the trainer's instruments (<see cref="TrainingTelemetry"/>).</summary>
/// <param name="run">The <c>run</c> tag every measurement carries.</param>
internal sealed class StepTelemetry(KeyValuePair<string, object?> run) : ITrainingCallback
{
    public void OnBatchEnd(TrainingRun training, TrainerState state, BatchEnd batch)
    {
        TrainingTelemetry.StepDuration.Record(batch.Seconds, run);
        TrainingTelemetry.Images.Add(batch.Images, run);
    }

    public TrainerState OnValidationEnd(TrainingRun training, TrainerState state, EpochMetrics metrics)
    {
        TrainingTelemetry.EpochDuration.Record(metrics.DurationSeconds, run);
        return state;
    }
}
