using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>
/// Keeps the weights of the best validation epoch so far as <c>best.ckpt</c>, which the run's model is made from at the
/// end. Comes after <see cref="EarlyStopping"/>, which decides which epoch is the best.
/// </summary>
/// <param name="mayWrite">Asked before the file is written: false once the run is no longer this trainer's.</param>
internal sealed class BestWeights(TrainingCheckpoints checkpoints, Func<bool> mayWrite) : ITrainingCallback
{
    public TrainerState OnValidationEnd(TrainingRun run, TrainerState state, EpochMetrics metrics)
    {
        if (state.BestEpoch == metrics.Epoch && mayWrite())
            checkpoints.SaveBest(run.Model, run.Description);
        return state;
    }
}
