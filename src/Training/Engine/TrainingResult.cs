using ResNetService.Model.Checkpoints;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine;

/// <summary>What a training run produced. <see cref="ModelPath"/> holds the best epoch's weights (null when cancelled).</summary>
public sealed record TrainingResult(
    TrainingOutcome Outcome,
    string? ModelPath,
    ModelDescription Description,
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    double BestValidationAccuracy,
    TestReport? Test);
