namespace ResNetService.Training.Data;

/// <summary>Bounds on what an uploaded archive may expand into.</summary>
public sealed record ExtractionLimits(long MaxEntries, long MaxTotalBytes, long MaxEntryBytes)
{
    public static ExtractionLimits Default { get; } = new(
        MaxEntries: 1_000_000,
        MaxTotalBytes: 20L * 1024 * 1024 * 1024,
        MaxEntryBytes: 4L * 1024 * 1024 * 1024);
}
