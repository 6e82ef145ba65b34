using Microsoft.Extensions.Logging;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>Logs each epoch's metrics, and why the run stops when it stops early (so it comes after <see cref="EarlyStopping"/>).</summary>
internal sealed class EpochLog(ILogger logger) : ITrainingCallback
{
    public TrainerState OnValidationEnd(TrainingRun run, TrainerState state, EpochMetrics metrics)
    {
        logger.LogInformation(
            "Epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4} accuracy {TrainAccuracy:P2}, validation loss {ValidationLoss:F4} accuracy {ValidationAccuracy:P2}, {Seconds:F1} s{Stop}",
            metrics.Epoch, run.Epochs, metrics.TrainLoss, metrics.TrainAccuracy, metrics.ValidationLoss, metrics.ValidationAccuracy,
            metrics.DurationSeconds, state.StoppedEarly ? $"; no improvement for {state.EpochsWithoutImprovement} epochs, stopping early" : "");
        return state;
    }
}
