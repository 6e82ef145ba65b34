namespace ResNetService.Training.Health;

internal static class SmallImageCheck
{
    public static (SmallImages Section, HealthFinding Finding) Run(ScannedDataset dataset, SizeDistribution sizes, HealthOptions options)
    {
        var inputSize = options.InputSize ?? (sizes.Common.Count > 0 ? Math.Min(sizes.Common[0].Width, sizes.Common[0].Height) : 0);
        var minimumSide = (int)Math.Ceiling(inputSize * options.SmallImageFraction);
        var small = dataset.Readable.Where(i => Math.Min(dataset.Facts[i].Width, dataset.Facts[i].Height) < minimumSide).ToArray();
        var section = new SmallImages(inputSize, minimumSide, small.Length, [.. small.Take(options.ListedExamples).Select(dataset.RefOf)]);
        var finding = small.Length > 0
            ? new HealthFinding(HealthChecks.SmallImages, HealthVerdicts.Warning,
                $"{small.Length} image(s) have a side under {minimumSide} pixels, much smaller than the input size {inputSize}: enlarged, they are mostly blur.")
            : new HealthFinding(HealthChecks.SmallImages, HealthVerdicts.Ok, $"No image is much smaller than the input size {inputSize}.");
        return (section, finding);
    }
}
