namespace ResNetService.Training.Optimization;

/// <summary>
/// Loss weights inverse to class frequency, scaled so a balanced split gets 1 everywhere: n / (k · n_c) for the
/// k classes present. A class absent from the split gets 0 (it never occurs as a target anyway).
/// </summary>
public static class ClassWeights
{
    public static float[] InverseFrequency(IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        var present = counts.Count(c => c > 0);
        return counts.Select(c => c == 0 ? 0f : (float)((double)total / (present * (double)c))).ToArray();
    }
}
