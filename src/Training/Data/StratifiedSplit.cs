namespace ResNetService.Training.Data;

public static class StratifiedSplit
{
    /// <summary>
    /// Sends round(fraction × count) samples of every class to validation, keeping at least one per class for training.
    /// The same labels, fraction and seed always give the same split; both index arrays are ascending.
    /// </summary>
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> labels, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (double.IsNaN(validationFraction) || validationFraction < 0 || validationFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Must be in [0, 1).");
        }

        var byClass = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var members))
            {
                members = [];
                byClass.Add(labels[i], members);
            }

            members.Add(i);
        }

        var random = new Random(seed);
        var train = new List<int>(labels.Count);
        var validation = new List<int>();
        foreach (var members in byClass.Values)
        {
            var shuffled = members.ToArray();
            random.Shuffle(shuffled);
            var validationCount = HeldOutCount(shuffled.Length, validationFraction);
            validation.AddRange(shuffled.AsSpan(0, validationCount));
            train.AddRange(shuffled.AsSpan(validationCount));
        }

        var trainArray = train.ToArray();
        var validationArray = validation.ToArray();
        Array.Sort(trainArray);
        Array.Sort(validationArray);
        return (trainArray, validationArray);
    }

    /// <summary>How many of a class's <paramref name="count"/> samples go to validation: the rounded fraction, leaving at least one.</summary>
    public static int HeldOutCount(int count, double validationFraction) =>
        Math.Max(0, Math.Min(count - 1, (int)Math.Round(validationFraction * count, MidpointRounding.AwayFromZero)));
}
