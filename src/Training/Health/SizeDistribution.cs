namespace ResNetService.Training.Health;

/// <summary>Sizes of the readable images.</summary>
/// <param name="Common">The most common sizes, most common first.</param>
/// <param name="ShorterSide">Histogram of each image's shorter side in pixels.</param>
/// <param name="AspectRatio">Histogram of width over height.</param>
public sealed record SizeDistribution(
    IReadOnlyList<ImageSize> Common, IReadOnlyList<HistogramBin> ShorterSide, IReadOnlyList<HistogramBin> AspectRatio,
    int MinWidth, int MinHeight, int MaxWidth, int MaxHeight);
