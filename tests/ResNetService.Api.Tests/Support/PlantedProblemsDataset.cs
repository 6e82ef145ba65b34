using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Api.Tests.Support;

/// <summary>
/// An image-folder dataset of 1,000 distinct generated images (seeded random noise patterns, one in 40 grayscale)
/// with known problems planted in it: exact copies of training images in test/, resized and re-encoded copies in
/// test/, two files that do not decode, and ten times as many training cats as dogs.
/// </summary>
public static class PlantedProblemsDataset
{
    public const int Side = 48;
    public const int DistinctImages = 1000;
    public const int GrayscaleEvery = 40;
    public const int GrayscaleImages = DistinctImages / GrayscaleEvery;
    public const int TrainCats = 600;
    public const int TrainDogs = 60;

    /// <summary>(training image, its byte-identical copy in test/).</summary>
    public static readonly (string Train, string Test)[] ExactCopies =
        [("train/cat/cat-0001.png", "test/cat/copy-0001.png"), ("train/cat/cat-0002.png", "test/cat/copy-0002.png"), ("train/dog/dog-0003.png", "test/dog/copy-0003.png")];

    /// <summary>(training image, a smaller JPEG of it in test/).</summary>
    public static readonly (string Train, string Test)[] NearCopies =
        [("train/cat/cat-0010.png", "test/cat/resized-0010.jpg"), ("train/cat/cat-0011.png", "test/cat/resized-0011.jpg"), ("train/dog/dog-0012.png", "test/dog/resized-0012.jpg")];

    public static readonly string[] Corrupt = ["train/cat/truncated.png", "test/dog/not-an-image.jpg"];

    private static readonly (string Split, string Class, int Count)[] Folders =
        [("train", "cat", TrainCats), ("train", "dog", TrainDogs), ("test", "cat", 200), ("test", "dog", 140)];

    /// <summary>Writes the dataset under <paramref name="folder"/> (train/ and test/ with cat/ and dog/ in each).</summary>
    public static void Write(string folder) => WriteTo(folder, Files());

    public static byte[] Zip() => ZipOf(Files());

    /// <summary>A dataset with nothing wrong: <paramref name="perClass"/> distinct colour images of cat and dog in train/ and test/ each.</summary>
    public static void WriteHealthy(string folder, int perClass) => WriteTo(folder, HealthyFiles(perClass));

    public static byte[] HealthyZip(int perClass) => ZipOf(HealthyFiles(perClass));

    private static void WriteTo(string folder, IEnumerable<(string Path, byte[] Content)> files)
    {
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }
    }

    private static byte[] ZipOf(IEnumerable<(string Path, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (path, content) in files)
            {
                using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static IEnumerable<(string Path, byte[] Content)> HealthyFiles(int perClass)
    {
        var seed = 0;
        foreach (var split in new[] { "train", "test" })
            foreach (var name in new[] { "cat", "dog" })
                for (var i = 0; i < perClass; i++, seed++)
                    yield return ($"{split}/{name}/{i:D4}.png", Png(Distinct(seed, grayscale: false), grayscale: false));
    }

    private static IEnumerable<(string Path, byte[] Content)> Files()
    {
        var files = new Dictionary<string, byte[]>();
        var seed = 0;
        foreach (var (split, name, count) in Folders)
        {
            var prefix = split == "train" ? name : $"{name}-test";
            for (var i = 0; i < count; i++, seed++)
            {
                var grayscale = seed % GrayscaleEvery == 0;
                files[$"{split}/{name}/{prefix}-{i:D4}.png"] = Png(Distinct(seed, grayscale), grayscale);
            }
        }

        foreach (var (train, test) in ExactCopies)
            files[test] = files[train];
        foreach (var (train, test) in NearCopies)
            files[test] = ResizedJpeg(files[train]);
        var valid = files["train/cat/cat-0020.png"];
        files[Corrupt[0]] = valid[..(valid.Length / 2)];
        files[Corrupt[1]] = [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 37))];
        return files.Select(file => (file.Key, file.Value));
    }

    /// <summary>A random coarse grid of colours smoothly enlarged, with fine noise over it: every seed its own picture.</summary>
    private static Image<Rgb24> Distinct(int seed, bool grayscale)
    {
        var random = new Random(seed);
        var grid = random.Next(10, 17);
        var image = new Image<Rgb24>(grid, grid);
        for (var y = 0; y < grid; y++)
        {
            for (var x = 0; x < grid; x++)
            {
                var value = (byte)random.Next(256);
                image[x, y] = grayscale ? new Rgb24(value, value, value) : new Rgb24(value, (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        image.Mutate(context => context.Resize(Side, Side, KnownResamplers.Bicubic));
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var noise = random.Next(-6, 7);
                var pixel = image[x, y];
                image[x, y] = grayscale ? Gray(pixel.R + noise) : new Rgb24(Clamp(pixel.R + noise), Clamp(pixel.G + noise), Clamp(pixel.B + noise));
            }
        }

        return image;
    }

    private static Rgb24 Gray(int value) => new(Clamp(value), Clamp(value), Clamp(value));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static byte[] Png(Image<Rgb24> image, bool grayscale)
    {
        using (image)
        using (var output = new MemoryStream())
        {
            if (grayscale)
            {
                using var gray = image.CloneAs<L8>();
                gray.SaveAsPng(output, new PngEncoder { ColorType = PngColorType.Grayscale });
            }
            else
            {
                image.SaveAsPng(output, new PngEncoder { ColorType = PngColorType.Rgb });
            }
            return output.ToArray();
        }
    }

    private static byte[] ResizedJpeg(byte[] png)
    {
        using var image = Image.Load<Rgb24>(png);
        image.Mutate(context => context.Resize(Side * 3 / 4, Side * 3 / 4));
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 80 });
        return output.ToArray();
    }
}
