using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>
/// Tracks the best validation accuracy and stops the run once <c>patience</c> epochs pass without improving on it
/// (null: never). Its count lives in the trainer state, so a resumed run waits exactly as long. Without best-epoch
/// selection (a small training split validated on itself) every epoch counts as the best, so the model is the last.
/// </summary>
internal sealed class EarlyStopping(int? patience, bool selectsBestEpoch = true) : ITrainingCallback
{
    public TrainerState OnValidationEnd(TrainingRun run, TrainerState state, EpochMetrics metrics) => AfterEpoch(state, metrics, patience, selectsBestEpoch);

    public static TrainerState AfterEpoch(TrainerState state, EpochMetrics metrics, int? patience, bool selectsBestEpoch = true)
    {
        var improved = !selectsBestEpoch || metrics.ValidationAccuracy > state.BestValidationAccuracy;
        var waited = improved ? 0 : state.EpochsWithoutImprovement + 1;
        return state with
        {
            BestEpoch = improved ? metrics.Epoch : state.BestEpoch,
            BestValidationAccuracy = improved ? metrics.ValidationAccuracy : state.BestValidationAccuracy,
            EpochsWithoutImprovement = waited,
            StoppedEarly = patience is { } p && waited >= p,
        };
    }
}
