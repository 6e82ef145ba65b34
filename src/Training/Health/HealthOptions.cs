using System.ComponentModel.DataAnnotations;

namespace ResNetService.Training.Health;

public sealed record HealthOptions
{
    public static HealthOptions Default { get; } = new();

    /// <summary>Two images whose 64-bit difference hashes differ in at most this many bits are near-duplicates.</summary>
    [Range(0, 32)]
    public int NearDuplicateDistance { get; init; } = 4;

    /// <summary>Side a job would resize to; unset: the dataset's most common image size, as training defaults to.</summary>
    [Range(1, 4096)]
    public int? InputSize { get; init; }

    /// <summary>Images whose shorter side is below this fraction of the input size are "much smaller".</summary>
    [Range(0.01, 1.0)]
    public double SmallImageFraction { get; init; } = 0.5;

    /// <summary>The largest class over the smallest at or above which balance is a warning.</summary>
    [Range(1.0, 1000.0)]
    public double ImbalanceWarningRatio { get; init; } = 3;

    /// <summary>The largest class over the smallest at or above which balance is a problem.</summary>
    [Range(1.0, 1000.0)]
    public double ImbalanceProblemRatio { get; init; } = 10;

    /// <summary>How many examples each section lists; the counts are always complete.</summary>
    [Range(1, 10000)]
    public int ListedExamples { get; init; } = 50;

    /// <summary>Images whose header claims more pixels are reported unreadable rather than decoded.</summary>
    public long MaxImagePixels { get; init; } = 8192L * 8192L;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
