using ResNetService.Model.Architecture;
using ResNetService.Training.Data.Sources;
namespace ResNetService.Training.Data.Formats;

/// <summary>
/// CIFAR binary batches: each record is the label byte(s) followed by 32×32 R, G and B planes.
/// CIFAR-10 has one label byte; CIFAR-100 has coarse then fine, and the fine label is used.
/// </summary>
internal static class CifarDataset
{
    private static readonly ImageShape Shape = new(3, 32, 32);

    private sealed record Variant(string Format, int LabelBytes, int DefaultClassCount, string NamesFile, string[] TrainFiles, string TestFile)
    {
        public int RecordSize => LabelBytes + Shape.ByteCount;
    }

    private static readonly Variant Cifar10 = new(
        DatasetFormats.Cifar10, 1, 10, "batches.meta.txt", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")], "test_batch.bin");

    private static readonly Variant Cifar100 = new(
        DatasetFormats.Cifar100, 2, 100, "fine_label_names.txt", ["train.bin"], "test.bin");

    public static bool IsCifar10(string root) => DatasetFiles.Find(root, Cifar10.TrainFiles[0]) is not null;

    public static bool IsCifar100(string root) => DatasetFiles.Find(root, Cifar100.TrainFiles[0]) is not null;

    public static OpenedDataset OpenCifar10(string root) => Open(root, Cifar10);

    public static OpenedDataset OpenCifar100(string root) => Open(root, Cifar100);

    private static OpenedDataset Open(string root, Variant variant)
    {
        var warnings = new List<string>();
        var classes = ReadClassNames(root, variant, warnings);
        var trainFiles = variant.TrainFiles.Select(name => DatasetFiles.Find(root, name)).OfType<string>().ToArray();
        if (trainFiles.Length < variant.TrainFiles.Length)
        {
            warnings.Add($"Only {trainFiles.Length} of the {variant.TrainFiles.Length} {variant.Format} training batches are present.");
        }

        var train = ReadBatches(trainFiles, variant, classes.Count);
        var testFile = DatasetFiles.Find(root, variant.TestFile);
        if (testFile is null)
        {
            warnings.Add($"No '{variant.TestFile}'; the dataset has no test split.");
        }

        var test = testFile is null ? null : ReadBatches([testFile], variant, classes.Count);
        return OpenedDatasetFactory.Create(variant.Format, classes, Shape, train, validation: null, test, skippedFiles: 0, warnings);
    }

    private static IReadOnlyList<string> ReadClassNames(string root, Variant variant, List<string> warnings)
    {
        var namesPath = DatasetFiles.Find(root, variant.NamesFile);
        if (namesPath is null)
        {
            warnings.Add($"No '{variant.NamesFile}'; classes are named by their index.");
            return [.. Enumerable.Range(0, variant.DefaultClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }

        var names = File.ReadAllLines(namesPath).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        if (names.Length < 2)
        {
            throw new DatasetException($"'{variant.NamesFile}' names fewer than two classes.");
        }

        return names;
    }

    private static ChwImageSource ReadBatches(IReadOnlyList<string> paths, Variant variant, int classCount)
    {
        var records = paths.Select(path => ReadRecords(path, variant)).ToArray();
        var total = records.Sum(file => (long)file.Length / variant.RecordSize);
        if (total * Shape.ByteCount > Array.MaxLength)
        {
            throw new DatasetException($"'{Path.GetFileName(paths[0])}' and its sibling batches hold too many records to load.");
        }

        var pixels = new byte[total * Shape.ByteCount];
        var labels = new int[total];
        var firstIndexOfFile = new int[paths.Count];
        var index = 0;
        for (var file = 0; file < paths.Count; file++)
        {
            firstIndexOfFile[file] = index;
            var fileName = Path.GetFileName(paths[file]);
            for (var offset = 0; offset < records[file].Length; offset += variant.RecordSize, index++)
            {
                var record = records[file].AsSpan(offset, variant.RecordSize);
                var label = record[variant.LabelBytes - 1];
                if (label >= classCount)
                {
                    throw new DatasetException(
                        $"'{fileName}#{offset / variant.RecordSize}': label {label} is out of range; {variant.Format} has classes 0..{classCount - 1}.");
                }

                labels[index] = label;
                record[variant.LabelBytes..].CopyTo(pixels.AsSpan(index * Shape.ByteCount));
            }
        }

        var fileNames = paths.Select(Path.GetFileName).ToArray();
        return new ChwImageSource(pixels, labels, Shape, sample =>
        {
            var file = Array.FindLastIndex(firstIndexOfFile, first => first <= sample);
            return $"{fileNames[file]}#{sample - firstIndexOfFile[file]}";
        });
    }

    private static byte[] ReadRecords(string path, Variant variant)
    {
        var length = new FileInfo(path).Length;
        if (length == 0 || length % variant.RecordSize != 0)
        {
            throw new DatasetException(
                $"'{Path.GetFileName(path)}' is {length} bytes, not a whole number of {variant.RecordSize}-byte {variant.Format} records (truncated?).");
        }

        return File.ReadAllBytes(path);
    }
}
