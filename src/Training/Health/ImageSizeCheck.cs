namespace ResNetService.Training.Health;

internal static class ImageSizeCheck
{
    private const int CommonSizesListed = 5;
    private static readonly double[] ShorterSideEdges = [0, 16, 32, 64, 128, 256, 512, 1024];
    private static readonly double[] AspectRatioEdges = [0, 0.5, 0.75, 0.9, 1.11, 1.34, 2];

    // Resizing to the input stretches an image whose shape is this far from the common one.
    private const double StretchTolerance = 1.25;
    private const double StretchedFractionWarning = 0.1;

    public static (SizeDistribution Section, HealthFinding Finding) Run(ScannedDataset dataset)
    {
        var sizes = dataset.Readable.Select(i => (dataset.Facts[i].Width, dataset.Facts[i].Height)).ToArray();
        if (sizes.Length == 0)
            return (new SizeDistribution([], [], [], 0, 0, 0, 0), new HealthFinding(HealthChecks.ImageSizes, HealthVerdicts.Problem, "No readable images."));

        var common = sizes.GroupBy(size => size).OrderByDescending(group => group.Count()).ThenByDescending(group => group.Key.Width * (long)group.Key.Height)
            .Take(CommonSizesListed).Select(group => new ImageSize(group.Key.Width, group.Key.Height, group.Count())).ToArray();
        var section = new SizeDistribution(
            common,
            Histogram(sizes.Select(size => (double)Math.Min(size.Width, size.Height)), ShorterSideEdges),
            Histogram(sizes.Select(size => (double)size.Width / size.Height), AspectRatioEdges),
            sizes.Min(size => size.Width), sizes.Min(size => size.Height), sizes.Max(size => size.Width), sizes.Max(size => size.Height));

        var commonAspect = (double)common[0].Width / common[0].Height;
        var stretched = sizes.Count(size => Math.Abs(Math.Log((double)size.Width / size.Height / commonAspect)) > Math.Log(StretchTolerance));
        var finding = stretched > StretchedFractionWarning * sizes.Length
            ? new HealthFinding(HealthChecks.ImageSizes, HealthVerdicts.Warning,
                $"{stretched} of {sizes.Length} images differ in aspect ratio from the common {common[0].Width}×{common[0].Height} by more than a quarter: resizing stretches them.")
            : new HealthFinding(HealthChecks.ImageSizes, HealthVerdicts.Ok,
                $"Sizes from {section.MinWidth}×{section.MinHeight} to {section.MaxWidth}×{section.MaxHeight}; most common {common[0].Width}×{common[0].Height} ({common[0].Images} images).");
        return (section, finding);
    }

    private static HistogramBin[] Histogram(IEnumerable<double> values, double[] edges)
    {
        var counts = new int[edges.Length];
        foreach (var value in values)
            counts[Array.FindLastIndex(edges, edge => edge <= value)]++;
        return [.. edges.Select((from, bin) => new HistogramBin(from, bin + 1 < edges.Length ? edges[bin + 1] : null, counts[bin]))];
    }
}
