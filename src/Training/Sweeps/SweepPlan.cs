namespace ResNetService.Training.Sweeps;

/// <summary>The settled terms of a sweep the scheduler decides by.</summary>
/// <param name="Rungs">Epochs at each rung, increasing; the last is a full trial.</param>
public sealed record SweepPlan(IReadOnlyList<int> Rungs, int ReductionFactor, Objective Objective, int MaxTrials, int MaxConcurrent, double? Target);
