namespace ResNetService.Training.Sweeps;

public enum SweepEnd
{
    /// <summary>Every trial is done, and none can go further.</summary>
    Finished,
    /// <summary>A trial reached the target.</summary>
    TargetReached,
}

/// <summary>A trial to queue again, from its checkpoint, with the epoch limit of <paramref name="ToRung"/>.</summary>
public sealed record Promotion(int Trial, int ToRung);

/// <summary>What to do next: promotions, new trials to make (by number), or the end of the sweep.</summary>
public sealed record SweepDecision(IReadOnlyList<Promotion> Promotions, IReadOnlyList<int> NewTrials, SweepEnd? End)
{
    public static readonly SweepDecision Wait = new([], [], null);
}
