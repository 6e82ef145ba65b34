using System.Buffers.Binary;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Training.Tests.Data;

public sealed class IdxDatasetTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static byte Pixel(int image, int pixel) => (byte)((image * 16) + pixel);

    private void WriteMnist(string prefix, bool gzip, int count = 3, byte[]? labels = null)
    {
        byte[] Maybe(byte[] bytes) => gzip ? DatasetFileWriters.Gzip(bytes) : bytes;
        var suffix = gzip ? ".gz" : "";
        temp.WriteFile($"{prefix}train-images-idx3-ubyte{suffix}", Maybe(DatasetFileWriters.IdxImages(count, 2, 3, Pixel)));
        temp.WriteFile($"{prefix}train-labels-idx1-ubyte{suffix}", Maybe(DatasetFileWriters.IdxLabels(labels ?? [0, 2, 1])));
        temp.WriteFile($"{prefix}t10k-images-idx3-ubyte{suffix}", Maybe(DatasetFileWriters.IdxImages(2, 2, 3, Pixel)));
        temp.WriteFile($"{prefix}t10k-labels-idx1-ubyte{suffix}", Maybe(DatasetFileWriters.IdxLabels(1, 0)));
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "")]
    [InlineData(true, "mnist/")]
    public void Plain_or_gzipped_idx_opens_with_counts_labels_and_exact_pixels(bool gzip, string wrapper)
    {
        WriteMnist(wrapper, gzip);

        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        Assert.Equal(DatasetFormats.Idx, dataset.Manifest.Format);
        Assert.Equal(["0", "1", "2"], dataset.Manifest.Classes);
        Assert.Equal(new ImageShape(1, 2, 3), dataset.Manifest.ImageShape);
        Assert.Equal([1, 1, 1], dataset.Manifest.Counts[SplitNames.Train].PerClass);
        Assert.Equal(2, dataset.Manifest.Counts[SplitNames.Test].Total);
        Assert.False(dataset.Manifest.Counts.ContainsKey(SplitNames.Validation));
        Assert.Null(dataset.Validation);
        Assert.Equal(2, dataset.Train.LabelAt(1));
        Assert.Equal("t10k-images-idx3-ubyte" + (gzip ? ".gz" : "") + "#1", dataset.Test!.NameOf(1));
        var pixels = new byte[6];
        dataset.Train.ReadInto(2, 1, 2, 3, pixels);
        Assert.Equal(Enumerable.Range(0, 6).Select(p => Pixel(2, p)), pixels);
    }

    [Fact]
    public void Grayscale_samples_convert_to_rgb_and_resize()
    {
        temp.WriteFile("train-images-idx3-ubyte", DatasetFileWriters.IdxImages(2, 2, 2, (i, _) => (byte)(100 * i)));
        temp.WriteFile("train-labels-idx1-ubyte", DatasetFileWriters.IdxLabels(0, 1));
        var dataset = DatasetReader.Open(temp.Path, DatasetReadOptions.Default);

        var rgb = new byte[3 * 4 * 4];
        dataset.Train.ReadInto(1, 3, 4, 4, rgb);

        Assert.All(rgb, value => Assert.Equal(100, value));
        Assert.Contains(dataset.Manifest.Warnings, warning => warning.Contains("t10k-images-idx3-ubyte"));
    }

    [Fact]
    public void Wrong_magic_names_the_file()
    {
        WriteMnist("", gzip: false);
        temp.WriteFile("train-images-idx3-ubyte", DatasetFileWriters.IdxImages(3, 2, 3, Pixel, magic: 2049));

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'train-images-idx3-ubyte'", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Theory]
    [InlineData(-1, "shorter")]
    [InlineData(5, "longer")]
    public void Length_not_matching_the_header_names_the_file(int extraBytes, string problem)
    {
        WriteMnist("", gzip: true);
        var images = DatasetFileWriters.IdxImages(2, 2, 3, Pixel);
        var resized = new byte[images.Length + extraBytes];
        images.AsSpan(0, Math.Min(images.Length, resized.Length)).CopyTo(resized);
        temp.WriteFile("t10k-images-idx3-ubyte.gz", DatasetFileWriters.Gzip(resized));

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'t10k-images-idx3-ubyte.gz'", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_header_declaring_more_than_the_file_holds_is_refused_before_it_is_allocated()
    {
        WriteMnist("", gzip: false);
        var header = DatasetFileWriters.IdxImages(1, 1, 4, Pixel);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 1000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 1000);
        temp.WriteFile("t10k-images-idx3-ubyte", header);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'t10k-images-idx3-ubyte' holds 4 data bytes, but its header declares 1000000000.", error.Message);
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(used < 64 << 20, $"{used >> 20} MiB allocated");
    }

    [Fact]
    public void Image_and_label_count_mismatch_names_both_files()
    {
        WriteMnist("", gzip: false, count: 3, labels: [0, 1]);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'train-images-idx3-ubyte' holds 3 images", error.Message);
        Assert.Contains("'train-labels-idx1-ubyte' holds 2 labels", error.Message);
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        WriteMnist("", gzip: false, labels: [0, 0, 0]);
        temp.WriteFile("t10k-labels-idx1-ubyte", DatasetFileWriters.IdxLabels(0, 0));

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("'train-labels-idx1-ubyte'", error.Message);
        Assert.Contains("fewer than two classes", error.Message);
    }

    [Fact]
    public void Images_without_labels_names_the_missing_file()
    {
        temp.WriteFile("train-images-idx3-ubyte", DatasetFileWriters.IdxImages(2, 2, 2, Pixel));

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Path, DatasetReadOptions.Default));

        Assert.Contains("train-labels-idx1-ubyte", error.Message);
    }
}
