using System.Text;

namespace ResNetService.Training.Sweeps;

/// <summary>
/// Random draws that are a pure function of (seed, trial, option name): SplitMix64 over the three mixed together, the
/// name by FNV-1a. System.Random is not used because its sequence for a seed is not promised across .NET versions.
/// </summary>
public static class TrialRandom
{
    public static ulong Draw(long seed, int trial, string name) =>
        Mix(Mix((ulong)seed) ^ Mix((ulong)trial + 0x9E3779B97F4A7C15UL) ^ Fnv(name));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 0x100000001B3UL;
        return hash;
    }
}
