namespace ResNetService.Training.Data.Archives;

/// <summary>Bounds on what an uploaded archive may expand into.</summary>
/// <param name="MaxPathDepth">Folders an entry's path may nest; checked on the name, before any file-system work.</param>
/// <param name="MaxPathLength">Characters in an entry's path; checked on the name, before any file-system work.</param>
public sealed record ExtractionLimits(long MaxEntries, long MaxTotalBytes, long MaxEntryBytes, int MaxPathDepth, int MaxPathLength)
{
    public static ExtractionLimits Default { get; } = new(
        MaxEntries: 1_000_000,
        MaxTotalBytes: 20L * 1024 * 1024 * 1024,
        MaxEntryBytes: 4L * 1024 * 1024 * 1024,
        MaxPathDepth: 32,
        MaxPathLength: 1024);
}
