using ResNetService.Model.Architecture;
using ResNetService.Training.Data.Decoding;
using ResNetService.Training.Data.Sources;
namespace ResNetService.Training.Data.Formats;

/// <summary>One sub-folder per class; headers of every image are read up front to find the shape and bad files.</summary>
internal static class ImageFolderDataset
{
    public static OpenedDataset Open(string root, DatasetReadOptions options)
    {
        var layout = ImageFolderLayout.Discover(root);
        var allFiles = layout.Splits.Values.SelectMany(files => files).ToArray();
        var headers = ReadHeaders(allFiles, options);
        var failures = allFiles.Zip(headers).Where(pair => pair.Second.Header is null)
            .Select(pair => $"'{pair.First.Name}': {pair.Second.Problem}").ToArray();
        SkipThreshold.Enforce(failures, allFiles.Length, options.MaxSkippedFraction);

        var readable = allFiles.Zip(headers).Where(pair => pair.Second.Header is not null).ToArray();
        var readableFiles = readable.Select(pair => pair.First).ToHashSet();
        var shape = CommonShape(readable.Select(pair => pair.Second.Header!).ToArray());
        var warnings = layout.Warnings.ToList();
        if (failures.Length > 0)
        {
            warnings.Add($"{failures.Length} unreadable image(s) skipped, e.g. {failures[0]}.");
        }

        IImageSource? SourceOf(string split) =>
            layout.Splits.TryGetValue(split, out var files) ? new ImageFileSource(files.Where(readableFiles.Contains).ToArray()) : null;

        var train = SourceOf(SplitNames.Train)!;
        var dataset = OpenedDatasetFactory.Create(
            DatasetFormats.ImageFolder, layout.Classes, shape, train, SourceOf(SplitNames.Validation), SourceOf(SplitNames.Test), failures.Length, warnings);
        var emptyClasses = dataset.Manifest.Classes.Where((_, label) => dataset.Manifest.Counts[SplitNames.Train].PerClass[label] == 0).ToArray();
        if (emptyClasses.Length > 0)
        {
            throw new DatasetException($"Training class folder(s) {string.Join(", ", emptyClasses.Select(c => $"'{c}'"))} have no readable images.");
        }

        return dataset;
    }

    private static (ImageHeader? Header, string? Problem)[] ReadHeaders(ImageFile[] files, DatasetReadOptions options)
    {
        var headers = new (ImageHeader?, string?)[files.Length];
        Parallel.For(
            0,
            files.Length,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            i =>
            {
                var header = ImageHeader.TryRead(files[i].Path, options.MaxImagePixels, out var problem);
                headers[i] = (header, problem);
            });
        return headers;
    }

    /// <summary>Colour if any image is; the most common size, ties going to the larger.</summary>
    private static ImageShape CommonShape(IReadOnlyList<ImageHeader> headers)
    {
        var (height, width) = headers
            .GroupBy(header => (header.Height, header.Width))
            .OrderByDescending(group => group.Count())
            .ThenByDescending(group => (long)group.Key.Height * group.Key.Width)
            .ThenByDescending(group => group.Key.Height)
            .First().Key;
        return new ImageShape(headers.Any(header => header.IsColour) ? 3 : 1, height, width);
    }
}
