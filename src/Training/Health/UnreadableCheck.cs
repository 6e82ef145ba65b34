using ResNetService.Training.Data.Formats;

namespace ResNetService.Training.Health;

internal static class UnreadableCheck
{
    public static (UnreadableImages Section, HealthFinding Finding) Run(ScannedDataset dataset, HealthOptions options)
    {
        var unreadable = Enumerable.Range(0, dataset.Samples.Count).Where(i => !dataset.Facts[i].IsReadable).ToArray();
        var section = new UnreadableImages(unreadable.Length,
            [.. unreadable.Take(options.ListedExamples).Select(i => new UnreadableImage(dataset.RefOf(i), dataset.Facts[i].Problem!))]);
        var allowed = DatasetReadOptions.Default.MaxSkippedFraction;
        var finding = unreadable.Length switch
        {
            0 => new HealthFinding(HealthChecks.Unreadable, HealthVerdicts.Ok, "Every image decodes."),
            var count when count > allowed * dataset.Samples.Count => new HealthFinding(HealthChecks.Unreadable, HealthVerdicts.Problem,
                $"{count} of {dataset.Samples.Count} images cannot be read or decoded, more than the {allowed:P0} training skips: training will refuse the dataset."),
            var count => new HealthFinding(HealthChecks.Unreadable, HealthVerdicts.Warning,
                $"{count} image(s) cannot be read or decoded; training skips them."),
        };
        return (section, finding);
    }
}
