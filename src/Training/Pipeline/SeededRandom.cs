namespace ResNetService.Training.Pipeline;

/// <summary>
/// Random generators derived from the run's seed and a position (epoch, step). Shuffling and augmentation are
/// functions of where the run is, so a run resumed mid-epoch draws exactly what the uninterrupted run drew,
/// without saving any generator state.
/// </summary>
public static class SeededRandom
{
    public static Random For(int seed, params ReadOnlySpan<long> position)
    {
        var state = (ulong)seed;
        foreach (var part in position)
            state = Mix(state ^ (ulong)part);
        return new Random((int)(Mix(state) & int.MaxValue));
    }

    /// <summary>SplitMix64's finaliser: nearby inputs give unrelated outputs.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
