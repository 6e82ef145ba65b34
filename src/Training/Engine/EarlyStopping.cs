using ResNetService.Training.Checkpointing;

namespace ResNetService.Training.Engine;

/// <summary>Tracks the best validation accuracy and decides when patience has run out.</summary>
internal static class EarlyStopping
{
    public static TrainerState AfterEpoch(TrainerState state, EpochMetrics metrics, int? patience)
    {
        var improved = metrics.ValidationAccuracy > state.BestValidationAccuracy;
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
