using System.ComponentModel.DataAnnotations;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data.Archives;

namespace ResNetService.Api.Hosting.Limits;

/// <summary>What one request may send; anything beyond is refused with a problem before it is written anywhere.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 10L << 30;
    [Range(1, long.MaxValue)] public long MaxClassifyBytes { get; set; } = 64L << 20;
    /// <summary>Every other request (JSON bodies).</summary>
    [Range(1, long.MaxValue)] public long MaxRequestBytes { get; set; } = 1L << 20;
    [Range(1, 10_000)] public int MaxImagesPerClassify { get; set; } = 64;
    /// <summary>Dataset images whose header claims more pixels are refused before decoding (decompression bombs).</summary>
    [Range(1, long.MaxValue)] public long MaxImagePixels { get; set; } = 8192L * 8192L;
    /// <summary>The same for /classify, lower: its images arrive by the dozen from anyone with the classify scope.</summary>
    [Range(1, long.MaxValue)] public long MaxClassifyImagePixels { get; set; } = 16_000_000;
    [Range(1, long.MaxValue)] public long MaxArchiveEntries { get; set; } = ExtractionLimits.Default.MaxEntries;
    [Range(1, long.MaxValue)] public long MaxArchiveBytes { get; set; } = ExtractionLimits.Default.MaxTotalBytes;
    [Range(1, long.MaxValue)] public long MaxArchiveEntryBytes { get; set; } = ExtractionLimits.Default.MaxEntryBytes;

    [Range(1, 4096)] public int MaxArchivePathDepth { get; set; } = ExtractionLimits.Default.MaxPathDepth;
    [Range(1, 4096)] public int MaxArchivePathLength { get; set; } = ExtractionLimits.Default.MaxPathLength;

    /// <summary>
    /// The most parameters a model may have, trained or imported: weights, the optimiser's state and every copy cost
    /// memory in proportion. The default takes every preset, ResNet-269 at 1000 classes (102 M) included.
    /// </summary>
    [Range(1, ResNetConfigResolver.MaxParameters)] public long MaxModelParameters { get; set; } = 150_000_000;

    public ExtractionLimits Extraction => new(MaxArchiveEntries, MaxArchiveBytes, MaxArchiveEntryBytes, MaxArchivePathDepth, MaxArchivePathLength);
}
