namespace ResNetService.Training.Data.Formats;

public sealed record DatasetReadOptions
{
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>Open fails when more than this fraction of image files cannot be read.</summary>
    public double MaxSkippedFraction { get; init; } = 0.01;

    /// <summary>Images whose header claims more pixels are skipped, so a small file cannot expand into gigabytes.</summary>
    public long MaxImagePixels { get; init; } = 8192L * 8192L;

    /// <summary>Upper bound on threads used to read image headers.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
