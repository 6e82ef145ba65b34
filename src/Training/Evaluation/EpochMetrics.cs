namespace ResNetService.Training.Evaluation;

/// <summary>One epoch of the metric history.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double? ValidationTop5,
    double LearningRate,
    double DurationSeconds);
