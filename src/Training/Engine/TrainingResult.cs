using ResNetService.Model.Checkpoints;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine;

/// <summary>What a training run produced. <see cref="ModelPath"/> holds the best epoch's weights (null when cancelled).</summary>
/// <param name="TrainClassCounts">Training samples per class, in the order of the description's classes.</param>
/// <param name="ClassifierReinitialised">For a run started from a model: whether its classifier was replaced for other classes; null otherwise.</param>
public sealed record TrainingResult(
    TrainingOutcome Outcome,
    string? ModelPath,
    ModelDescription Description,
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    double BestValidationAccuracy,
    TestReport? Test,
    IReadOnlyList<int> TrainClassCounts,
    bool? ClassifierReinitialised)
{
    /// <summary>
    /// True when the training split was too small to hold a validation split out (<see cref="Data.ValidationPlan"/>):
    /// the validation figures are on the training images and the model is the last epoch's.
    /// </summary>
    public bool ValidatedOnTrainingImages { get; init; }
}
