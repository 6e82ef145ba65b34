namespace ResNetService.Training.Data;

/// <summary>
/// Whether a run without a validation split of its own holds part of its training split out, and so whether the model
/// is its best validation epoch or its last. A hold-out of a handful of images per class costs training data that a
/// small dataset needs, and picking the best of many epochs on it selects noise (one image is several points), so a
/// small split trains whole and publishes its last epoch, unless early stopping asks for a validation split.
/// </summary>
public sealed record ValidationPlan(bool HoldOut, bool SelectsBestEpoch)
{
    /// <summary>The fewest held-out images of every class for the hold-out to be made.</summary>
    public const int MinHeldOutPerClass = 5;

    /// <summary>The fewest held-out images in all for the hold-out to be made (one image is then at most two points).</summary>
    public const int MinHeldOut = 50;

    /// <param name="classCounts">Training images per class (classes without any are ignored).</param>
    public static ValidationPlan For(bool ownValidation, IReadOnlyList<int> classCounts, double validationFraction, int? earlyStoppingPatience)
    {
        if (ownValidation)
            return new(HoldOut: false, SelectsBestEpoch: true);
        var heldOut = classCounts.Where(count => count > 0)
            .Select(count => StratifiedSplit.HeldOutCount(count, validationFraction))
            .ToList();
        var enough = heldOut.Count > 0 && heldOut.Min() >= MinHeldOutPerClass && heldOut.Sum() >= MinHeldOut;
        var holdOut = enough || earlyStoppingPatience is not null;
        return new(holdOut, holdOut);
    }
}
