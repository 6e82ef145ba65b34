using ResNetService.Model.Architecture;
namespace ResNetService.Training.Data.Formats;

internal static class OpenedDatasetFactory
{
    public static OpenedDataset Create(
        string format,
        IReadOnlyList<string> classes,
        ImageShape shape,
        IImageSource train,
        IImageSource? validation,
        IImageSource? test,
        int skippedFiles,
        IReadOnlyList<string> warnings)
    {
        var counts = new Dictionary<string, SplitCounts> { [SplitNames.Train] = SplitCounts.Of(train, classes.Count) };
        if (validation is not null)
        {
            counts[SplitNames.Validation] = SplitCounts.Of(validation, classes.Count);
        }

        if (test is not null)
        {
            counts[SplitNames.Test] = SplitCounts.Of(test, classes.Count);
        }

        var manifest = new DatasetManifest(format, classes, counts, shape, skippedFiles, warnings);
        return new OpenedDataset(manifest, train, validation, test);
    }
}
