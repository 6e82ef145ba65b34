namespace ResNetService.Training.Sweeps;

/// <summary>How much a sweep may try.</summary>
/// <param name="MaxTrials">Configurations to try, 1 to 1000. Random search needs it; a grid search tries its first this many combinations (unset: all).</param>
/// <param name="MaxConcurrent">Trials queued or training at once, 1 to 100 (workers take them as they are free).</param>
/// <param name="Target">The objective's value that ends the sweep when a trial reaches it (the others stop with their checkpoints).</param>
public sealed record BudgetSpec(int? MaxTrials = null, int MaxConcurrent = 2, double? Target = null)
{
    public const int MaxTrialsLimit = 1000;
    public const int MaxConcurrentLimit = 100;

    /// <summary>Everything wrong with the budget, by field name.</summary>
    /// <param name="gridSize">A grid search's combinations (null for random search, or a grid that cannot be listed).</param>
    public Dictionary<string, string[]> Problems(Objective objective, SearchKind search, long? gridSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (MaxTrials is null && search == SearchKind.Random)
            errors["maxTrials"] = ["A random search needs maxTrials: how many configurations to try."];
        if (MaxTrials is < 1 or > MaxTrialsLimit)
            errors["maxTrials"] = [$"maxTrials is 1 to {MaxTrialsLimit}."];
        if (MaxTrials is null && gridSize > MaxTrialsLimit)
            errors["maxTrials"] = [$"The grid has {gridSize} combinations, more than {MaxTrialsLimit}: give maxTrials to try the first ones, or list fewer values."];
        if (MaxConcurrent is < 1 or > MaxConcurrentLimit)
            errors["maxConcurrent"] = [$"maxConcurrent is 1 to {MaxConcurrentLimit}."];
        if (Target is { } target && (!double.IsFinite(target) || (objective.Metric == ObjectiveMetric.ValidationAccuracy ? target is < 0 or > 1 : target < 0)))
            errors["target"] = [objective.Metric == ObjectiveMetric.ValidationAccuracy ? "An accuracy target is between 0 and 1." : "A loss target is 0 or more."];
        return errors;
    }

    /// <summary>The trials the sweep makes.</summary>
    public int Trials(long? gridSize) => (int)Math.Min(MaxTrials ?? MaxTrialsLimit, gridSize ?? long.MaxValue);
}
