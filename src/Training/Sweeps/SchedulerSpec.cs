namespace ResNetService.Training.Sweeps;

public enum SchedulerKind
{
    /// <summary>Asynchronous successive halving: every trial trains to the first rung, the best of each rung go on.</summary>
    Asha,
    /// <summary>Every trial trains all its epochs.</summary>
    None,
}

/// <summary>How a sweep spends epochs. ASHA's rungs are minEpochs × reductionFactor^k below maxEpochs, then maxEpochs.</summary>
/// <param name="MinEpochs">ASHA: the epochs every trial trains before the first decision.</param>
/// <param name="MaxEpochs">The epochs of a trial trained to the end; unset: the base job's training.epochs.</param>
/// <param name="ReductionFactor">ASHA: the best 1 in this many trials at a rung goes on to the next, which trains this many times longer.</param>
public sealed record SchedulerSpec(SchedulerKind Kind = SchedulerKind.Asha, int MinEpochs = 1, int? MaxEpochs = null, int ReductionFactor = 3)
{
    public const int MaxReductionFactor = 10;

    /// <summary>The epochs at which trials stop for a decision, ending with <paramref name="maxEpochs"/>.</summary>
    public IReadOnlyList<int> Rungs(int maxEpochs)
    {
        if (Kind == SchedulerKind.None)
            return [maxEpochs];
        var rungs = new List<int>();
        for (long epochs = MinEpochs; epochs < maxEpochs; epochs *= ReductionFactor)
            rungs.Add((int)epochs);
        rungs.Add(maxEpochs);
        return rungs;
    }

    /// <summary>Everything wrong with the scheduler, by field name.</summary>
    public Dictionary<string, string[]> Problems(int maxEpochs)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(Kind))
            errors["kind"] = ["Use asha or none."];
        if (maxEpochs is < 1 or > 10_000)
            errors["maxEpochs"] = ["A trial trains 1 to 10000 epochs."];
        if (Kind != SchedulerKind.Asha)
            return errors;
        if (MinEpochs < 1 || MinEpochs >= maxEpochs)
            errors["minEpochs"] = [$"The first rung is 1 epoch or more, and below maxEpochs ({maxEpochs}): ASHA needs at least two rungs."];
        if (ReductionFactor is < 2 or > MaxReductionFactor)
            errors["reductionFactor"] = [$"The reduction factor is 2 to {MaxReductionFactor} (3 is usual)."];
        return errors;
    }
}
