using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Records;

/// <summary>One epoch of a run's metric history; a run holds each epoch once.</summary>
public sealed class EpochRow
{
    public required string RunId { get; init; }
    public int Epoch { get; init; }
    public double TrainLoss { get; init; }
    public double TrainAccuracy { get; init; }
    public double ValidationLoss { get; init; }
    public double ValidationAccuracy { get; init; }
    public double? ValidationTop5 { get; init; }
    public double LearningRate { get; init; }
    public double DurationSeconds { get; init; }

    /// <summary>
    /// When the epoch was recorded: the order a sweep spent its epochs in across its trials. Null for epochs recorded
    /// before this was kept.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }

    public EpochMetrics ToMetrics() =>
        new(Epoch, TrainLoss, TrainAccuracy, ValidationLoss, ValidationAccuracy, ValidationTop5, LearningRate, DurationSeconds);

    public static EpochRow Of(string runId, EpochMetrics m, DateTimeOffset? recordedAt = null) => new()
    {
        RunId = runId, Epoch = m.Epoch, TrainLoss = m.TrainLoss, TrainAccuracy = m.TrainAccuracy, ValidationLoss = m.ValidationLoss,
        ValidationAccuracy = m.ValidationAccuracy, ValidationTop5 = m.ValidationTop5, LearningRate = m.LearningRate, DurationSeconds = m.DurationSeconds,
        RecordedAt = recordedAt,
    };
}
