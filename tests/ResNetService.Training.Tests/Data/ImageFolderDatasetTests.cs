using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Archives;
using ResNetService.Training.Data.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Tests.Data;

public sealed class ImageFolderDatasetTests : IDisposable
{
    private static readonly Rgb24 Orange = new(250, 130, 10);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private DatasetException OpenFails(DatasetReadOptions? options = null) =>
        Assert.Throws<DatasetException>(() => DatasetReader.Open(temp.Combine("data"), options ?? DatasetReadOptions.Default));

    [Fact]
    public void Colour_png_class_folders_round_trip_exact_chw_pixels()
    {
        TestImages.ColourPng(temp.Combine("data", "cats", "a.png"), 4, 3, seed: 1);
        TestImages.ColourPng(temp.Combine("data", "cats", "b.png"), 4, 3, seed: 2);
        TestImages.ColourPng(temp.Combine("data", "dogs", "c.png"), 4, 3, seed: 3);

        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default);

        Assert.Equal(DatasetFormats.ImageFolder, dataset.Manifest.Format);
        Assert.Equal(["cats", "dogs"], dataset.Manifest.Classes);
        Assert.Equal(new ImageShape(3, 3, 4), dataset.Manifest.ImageShape);
        Assert.Equal([2, 1], dataset.Manifest.Counts[SplitNames.Train].PerClass);
        Assert.Null(dataset.Validation);
        Assert.Null(dataset.Test);
        Assert.Equal("dogs/c.png", dataset.Train.NameOf(2));
        Assert.Equal(1, dataset.Train.LabelAt(2));

        var chw = new byte[3 * 3 * 4];
        dataset.Train.ReadInto(2, 3, 3, 4, chw);
        for (var y = 0; y < 3; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var expected = TestImages.Pattern(x, y, seed: 3);
                Assert.Equal(expected.R, chw[(y * 4) + x]);
                Assert.Equal(expected.G, chw[12 + (y * 4) + x]);
                Assert.Equal(expected.B, chw[24 + (y * 4) + x]);
            }
        }
    }

    [Fact]
    public void Grayscale_pngs_under_train_val_test_give_one_channel_and_three_splits()
    {
        foreach (var split in new[] { "train", "val", "test" })
        {
            TestImages.GrayPng(temp.Combine("data", split, "0", "a.png"), 5, 5, (x, y) => (byte)(x * y));
            TestImages.GrayPng(temp.Combine("data", split, "1", "b.png"), 5, 5, (x, y) => (byte)(x + 40));
        }

        TestImages.GrayPng(temp.Combine("data", "train", "1", "c.png"), 5, 5, (x, y) => 7);

        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default);

        Assert.Equal(new ImageShape(1, 5, 5), dataset.Manifest.ImageShape);
        Assert.Equal([1, 2], dataset.Manifest.Counts[SplitNames.Train].PerClass);
        Assert.Equal(2, dataset.Manifest.Counts[SplitNames.Validation].Total);
        Assert.Equal(2, dataset.Manifest.Counts[SplitNames.Test].Total);
        Assert.Equal("val/1/b.png", dataset.Validation!.NameOf(1));
        var gray = new byte[25];
        dataset.Test!.ReadInto(0, 1, 5, 5, gray);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (byte)(i % 5 * (i / 5))), gray);
    }

    [Fact]
    public void Zip_of_jpegs_in_a_wrapping_folder_opens_with_the_most_common_size()
    {
        TestImages.SolidJpeg(temp.Combine("src", "pets", "cat", "a.jpg"), 16, 8, Orange);
        TestImages.SolidJpeg(temp.Combine("src", "pets", "cat", "b.jpg"), 16, 8, Orange);
        TestImages.SolidJpeg(temp.Combine("src", "pets", "dog", "c.jpeg"), 24, 24, Orange);
        ArchiveBuilder.ZipFolder(temp.Combine("src"), temp.Combine("pets.zip"));

        var dataset = DatasetReader.OpenArchive(temp.Combine("pets.zip"), temp.Combine("data"), DatasetReadOptions.Default, ExtractionLimits.Default);

        Assert.Equal(new ImageShape(3, 8, 16), dataset.Manifest.ImageShape);
        Assert.Equal(["cat", "dog"], dataset.Manifest.Classes);
        var chw = new byte[3 * 8 * 16];
        dataset.Train.ReadInto(2, 3, 8, 16, chw);
        Assert.All(chw[..128], red => Assert.InRange(red, 245, 255));
        Assert.All(chw[128..256], green => Assert.InRange(green, 125, 135));
        Assert.All(chw[256..], blue => Assert.InRange(blue, 5, 15));
    }

    [Fact]
    public void Tar_gz_with_train_and_test_and_grayscale_jpegs_opens()
    {
        TestImages.SolidJpeg(temp.Combine("src", "train", "a", "1.jpg"), 8, 8, Orange, grayscale: true);
        TestImages.SolidJpeg(temp.Combine("src", "train", "b", "2.jpg"), 8, 8, Orange, grayscale: true);
        TestImages.SolidJpeg(temp.Combine("src", "test", "b", "3.jpg"), 8, 8, Orange, grayscale: true);
        ArchiveBuilder.TarGzFolder(temp.Combine("src"), temp.Combine("data.tar.gz"));

        var dataset = DatasetReader.OpenArchive(temp.Combine("data.tar.gz"), temp.Combine("data"), DatasetReadOptions.Default, ExtractionLimits.Default);

        Assert.Equal(new ImageShape(1, 8, 8), dataset.Manifest.ImageShape);
        Assert.Equal([0, 1], dataset.Manifest.Counts[SplitNames.Test].PerClass);
        Assert.False(dataset.Manifest.Counts.ContainsKey(SplitNames.Validation));
    }

    [Fact]
    public void MacOS_archive_debris_is_ignored_when_finding_the_wrapping_folder()
    {
        TestImages.ColourPng(temp.Combine("data", "wrapper", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "wrapper", "b", "2.png"), 4, 4);
        temp.WriteFile("data/__MACOSX/wrapper/a/._1.png", [0, 5, 22, 7]);
        temp.WriteFile("data/.DS_Store", [1]);
        temp.WriteFile("data/wrapper/a/._1.png", [0, 5, 22, 7]);

        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default);

        Assert.Equal(["a", "b"], dataset.Manifest.Classes);
        Assert.Equal(2, dataset.Train.Count);
        Assert.Equal(0, dataset.Manifest.SkippedFiles);
    }

    [Fact]
    public void Reading_converts_colour_to_luminance_and_resizes()
    {
        TestImages.SolidJpeg(temp.Combine("data", "a", "1.jpg"), 6, 6, new Rgb24(255, 255, 255));
        TestImages.SolidJpeg(temp.Combine("data", "b", "2.jpg"), 6, 6, new Rgb24(0, 0, 0));
        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default);

        var white = new byte[12 * 12];
        var black = new byte[3 * 3];
        dataset.Train.ReadInto(0, 1, 12, 12, white);
        dataset.Train.ReadInto(1, 1, 3, 3, black);

        Assert.All(white, value => Assert.InRange(value, 250, 255));
        Assert.All(black, value => Assert.InRange(value, 0, 5));
    }

    [Fact]
    public void One_undecodable_file_among_few_fails_open_and_names_it()
    {
        TestImages.ColourPng(temp.Combine("data", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "b", "2.png"), 4, 4);
        temp.WriteFile("data/b/broken.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var error = OpenFails();

        Assert.Contains("'b/broken.png'", error.Message);
    }

    [Fact]
    public void Undecodable_files_within_the_allowed_fraction_are_skipped_and_counted()
    {
        TestImages.ColourPng(temp.Combine("data", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "b", "2.png"), 4, 4);
        temp.WriteFile("data/b/broken.jpg", "not a jpeg"u8.ToArray());

        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default with { MaxSkippedFraction = 0.5 });

        Assert.Equal(1, dataset.Manifest.SkippedFiles);
        Assert.Equal(2, dataset.Train.Count);
        Assert.Contains(dataset.Manifest.Warnings, warning => warning.Contains("b/broken.jpg"));
    }

    [Fact]
    public void Images_claiming_more_pixels_than_allowed_are_refused()
    {
        TestImages.ColourPng(temp.Combine("data", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "b", "huge.png"), 100, 100);

        var error = OpenFails(DatasetReadOptions.Default with { MaxImagePixels = 1_000 });

        Assert.Contains("'b/huge.png'", error.Message);
        Assert.Contains("100×100", error.Message);
    }

    [Fact]
    public void A_file_that_breaks_after_open_fails_its_read_naming_it()
    {
        TestImages.ColourPng(temp.Combine("data", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "b", "2.png"), 4, 4);
        var dataset = DatasetReader.Open(temp.Combine("data"), DatasetReadOptions.Default);
        temp.WriteFile("data/b/2.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]);

        var error = Assert.Throws<DatasetException>(() => dataset.Train.ReadInto(1, 3, 4, 4, new byte[48]));

        Assert.Contains("'b/2.png'", error.Message);
    }

    [Fact]
    public void An_empty_class_folder_is_named()
    {
        TestImages.ColourPng(temp.Combine("data", "a", "1.png"), 4, 4);
        Directory.CreateDirectory(temp.Combine("data", "empty"));
        temp.WriteFile("data/empty/notes.txt", [1]);

        var error = OpenFails();

        Assert.Contains("'empty'", error.Message);
        Assert.Contains("no JPEG, PNG", error.Message);
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        TestImages.ColourPng(temp.Combine("data", "train", "only", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "test", "only", "2.png"), 4, 4);

        var error = OpenFails();

        Assert.Contains("train", error.Message);
        Assert.Contains("at least two", error.Message);
    }

    [Fact]
    public void A_test_class_unknown_to_train_is_named()
    {
        TestImages.ColourPng(temp.Combine("data", "train", "a", "1.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "train", "b", "2.png"), 4, 4);
        TestImages.ColourPng(temp.Combine("data", "test", "zebra", "3.png"), 4, 4);

        var error = OpenFails();

        Assert.Contains("'test/zebra'", error.Message);
    }
}
