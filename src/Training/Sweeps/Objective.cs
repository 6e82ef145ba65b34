using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Sweeps;

public enum ObjectiveMetric
{
    ValidationAccuracy,
    ValidationLoss,
}

public enum ObjectiveGoal
{
    Max,
    Min,
}

/// <summary>What makes one trial better than another: a validation metric, and whether higher or lower is better.</summary>
/// <param name="Goal">Unset: max for accuracy, min for loss.</param>
public sealed record Objective(ObjectiveMetric Metric = ObjectiveMetric.ValidationAccuracy, ObjectiveGoal? Goal = null)
{
    public ObjectiveGoal Direction => Goal ?? (Metric == ObjectiveMetric.ValidationLoss ? ObjectiveGoal.Min : ObjectiveGoal.Max);

    public double Of(EpochMetrics epoch) => Metric == ObjectiveMetric.ValidationLoss ? epoch.ValidationLoss : epoch.ValidationAccuracy;

    public bool IsBetter(double candidate, double than) => Direction == ObjectiveGoal.Max ? candidate > than : candidate < than;

    /// <summary>Whether <paramref name="value"/> meets <paramref name="target"/> (at or beyond it in the goal's direction).</summary>
    public bool Reaches(double value, double target) => Direction == ObjectiveGoal.Max ? value >= target : value <= target;

    /// <summary>The best of the first <paramref name="epochs"/> values; null when there are none.</summary>
    public double? Best(IReadOnlyList<double> values, int epochs = int.MaxValue)
    {
        double? best = null;
        foreach (var value in values.Take(epochs))
            if (best is null || IsBetter(value, best.Value))
                best = value;
        return best;
    }
}
