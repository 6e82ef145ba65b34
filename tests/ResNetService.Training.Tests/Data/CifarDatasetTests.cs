using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Training.Tests.Data;

public sealed class CifarDatasetTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private void WriteCifar10(string prefix = "", bool withNames = true)
    {
        for (var batch = 1; batch <= 5; batch++)
        {
            temp.WriteFile($"{prefix}data_batch_{batch}.bin", DatasetFileWriters.CifarRecords(1, (byte)(batch - 1), 9));
        }

        temp.WriteFile($"{prefix}test_batch.bin", DatasetFileWriters.CifarRecords(1, 3));
        if (withNames)
        {
            temp.WriteFile($"{prefix}batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n"u8.ToArray());
        }
    }

    [Fact]
    public void Cifar10_in_a_wrapping_folder_opens_with_names_counts_and_exact_chw_pixels()
    {
        WriteCifar10("cifar-10-batches-bin/");

        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        Assert.Equal(DatasetFormats.Cifar10, dataset.Manifest.Format);
        Assert.Equal("airplane", dataset.Manifest.Classes[0]);
        Assert.Equal("truck", dataset.Manifest.Classes[9]);
        Assert.Equal(new ImageShape(3, 32, 32), dataset.Manifest.ImageShape);
        Assert.Equal(10, dataset.Train.Count);
        Assert.Equal(5, dataset.Manifest.Counts[SplitNames.Train].PerClass[9]);
        Assert.Equal(1, dataset.Manifest.Counts[SplitNames.Test].PerClass[3]);
        Assert.Equal("data_batch_3.bin#1", dataset.Train.NameOf(5));
        Assert.Equal(9, dataset.Train.LabelAt(5));

        var pixels = new byte[3072];
        dataset.Train.ReadInto(5, 3, 32, 32, pixels);
        Assert.Equal(Enumerable.Range(0, 3072).Select(p => DatasetFileWriters.CifarPixel(1, p)), pixels);
    }

    [Fact]
    public void Cifar10_without_names_uses_indices_and_warns()
    {
        WriteCifar10(withNames: false);

        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), dataset.Manifest.Classes);
        Assert.Contains(dataset.Manifest.Warnings, warning => warning.Contains("batches.meta.txt"));
    }

    [Fact]
    public void Cifar100_uses_the_fine_label_and_names_file()
    {
        var records = DatasetFileWriters.CifarRecords(2, 57, 3);
        records[0] = 19; // coarse label, ignored
        temp.WriteFile("train.bin", records);
        temp.WriteFile("test.bin", DatasetFileWriters.CifarRecords(2, 99));
        temp.WriteFile("fine_label_names.txt", System.Text.Encoding.ASCII.GetBytes(string.Join('\n', Enumerable.Range(0, 100).Select(i => $"class{i}"))));

        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        Assert.Equal(DatasetFormats.Cifar100, dataset.Manifest.Format);
        Assert.Equal(100, dataset.Manifest.Classes.Count);
        Assert.Equal("class57", dataset.Manifest.Classes[dataset.Train.LabelAt(0)]);
        Assert.Equal(99, dataset.Test!.LabelAt(0));
        var pixels = new byte[3072];
        dataset.Train.ReadInto(1, 3, 32, 32, pixels);
        Assert.Equal(Enumerable.Range(0, 3072).Select(p => DatasetFileWriters.CifarPixel(1, p)), pixels);
    }

    [Fact]
    public void Cifar100_without_names_has_one_hundred_numbered_classes()
    {
        temp.WriteFile("train.bin", DatasetFileWriters.CifarRecords(2, 5, 99));

        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        Assert.Equal(100, dataset.Manifest.Classes.Count);
        Assert.Equal("99", dataset.Manifest.Classes[99]);
        Assert.Null(dataset.Test);
    }

    [Fact]
    public void Converting_a_record_to_luminance_weighs_the_planes()
    {
        var record = new byte[3073];
        record.AsSpan(1, 1024).Fill(255);
        temp.WriteFile("data_batch_1.bin", record);
        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        var gray = new byte[16 * 16];
        dataset.Train.ReadInto(0, 1, 16, 16, gray);

        // Pure red is neither black nor white in luminance, whatever the exact weights.
        Assert.All(gray, value => Assert.InRange(value, 30, 100));
    }

    [Fact]
    public void A_truncated_batch_names_the_file()
    {
        WriteCifar10();
        temp.WriteFile("data_batch_2.bin", DatasetFileWriters.CifarRecords(1, 1, 2)[..5000]);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'data_batch_2.bin'", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_label_out_of_range_names_the_file_and_record()
    {
        WriteCifar10();
        temp.WriteFile("test_batch.bin", DatasetFileWriters.CifarRecords(1, 1, 10));

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'test_batch.bin#1'", error.Message);
        Assert.Contains("label 10", error.Message);
    }

    [Fact]
    public void A_folder_without_a_dataset_lists_the_accepted_formats()
    {
        temp.WriteFile("readme.txt", "hello"u8.ToArray());
        temp.WriteFile("notes.md", "hello"u8.ToArray());

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("IDX", error.Message);
        Assert.Contains("CIFAR-10", error.Message);
        Assert.Contains("image folders", error.Message);
    }
}
