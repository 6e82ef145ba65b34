using ResNetService.Model.Architecture;
using ResNetService.Training.Data.Sources;
namespace ResNetService.Training.Data.Formats;

/// <summary>MNIST-family datasets: train-/t10k- images (idx3) and labels (idx1), each optionally gzipped.</summary>
internal static class IdxDataset
{
    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";

    public static bool IsPresent(string root) => DatasetFiles.FindPlainOrGzipped(root, TrainImages) is not null;

    public static OpenedDataset Open(string root)
    {
        var warnings = new List<string>();
        var train = ReadSplit(root, TrainImages, TrainLabels)
            ?? throw new DatasetException($"IDX dataset in '{root}' has no '{TrainLabels}' (or .gz) next to '{TrainImages}'.");
        var test = ReadSplit(root, TestImages, TestLabels);
        if (test is null)
        {
            warnings.Add($"No '{TestImages}' and '{TestLabels}' pair found; the dataset has no test split.");
        }
        else if ((test.Shape.Height, test.Shape.Width) != (train.Shape.Height, train.Shape.Width))
        {
            throw new DatasetException(
                $"'{test.ImagesFile}' holds {test.Shape.Height}×{test.Shape.Width} images but '{train.ImagesFile}' holds {train.Shape.Height}×{train.Shape.Width}.");
        }

        var classCount = Math.Max(train.MaxLabel, test?.MaxLabel ?? 0) + 1;
        if (classCount < 2)
        {
            throw new DatasetException($"'{train.LabelsFile}' has fewer than two classes (every label is 0).");
        }

        var classes = Enumerable.Range(0, classCount).Select(label => label.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return OpenedDatasetFactory.Create(DatasetFormats.Idx, classes, train.Shape, train.Source, validation: null, test?.Source, skippedFiles: 0, warnings);
    }

    private sealed record Split(IImageSource Source, ImageShape Shape, string ImagesFile, string LabelsFile, int MaxLabel);

    private static Split? ReadSplit(string root, string imagesName, string labelsName)
    {
        var imagesPath = DatasetFiles.FindPlainOrGzipped(root, imagesName);
        var labelsPath = DatasetFiles.FindPlainOrGzipped(root, labelsName);
        if (imagesPath is null || labelsPath is null)
        {
            if (imagesPath is not null || labelsPath is not null)
            {
                throw new DatasetException(
                    $"IDX file '{Path.GetFileName(imagesPath ?? labelsPath)}' has no matching '{(imagesPath is null ? imagesName : labelsName)}' (or .gz).");
            }

            return null;
        }

        var images = IdxFile.ReadImages(imagesPath);
        var labelBytes = IdxFile.ReadLabels(labelsPath);
        var imagesFile = Path.GetFileName(imagesPath);
        var labelsFile = Path.GetFileName(labelsPath);
        if (labelBytes.Length != images.Count)
        {
            throw new DatasetException($"'{imagesFile}' holds {images.Count} images but '{labelsFile}' holds {labelBytes.Length} labels.");
        }

        var labels = Array.ConvertAll(labelBytes, label => (int)label);
        var shape = new ImageShape(1, images.Rows, images.Columns);
        var source = new ChwImageSource(images.Pixels, labels, shape, index => $"{imagesFile}#{index}");
        return new Split(source, shape, imagesFile, labelsFile, labels.Max());
    }
}
