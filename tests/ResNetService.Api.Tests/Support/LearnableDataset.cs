using System.IO.Compression;
using ResNetService.Model.Architecture;
using ResNetService.Training.Synthetic;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests.Support;

/// <summary>
/// The training engine's generated task (class k is a square whose side grows with k) as an image-folder zip of
/// PNGs with train/ and test/ splits, and a few of its images with their labels, for checking /classify.
/// </summary>
public static class LearnableDataset
{
    public const int Side = 16;
    public static readonly string[] Classes = ["small", "medium", "large", "huge"];

    public static byte[] Zip(int trainCount, int testCount, int seed = 7)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            Add(zip, "train", Source(trainCount, seed));
            Add(zip, "test", Source(testCount, seed + 1));
        }
        return buffer.ToArray();
    }

    /// <summary>Images of the task the trained network has not seen, with their class names.</summary>
    public static IEnumerable<(string FileName, byte[] Png, string Label)> Unseen(int count, int seed = 99)
    {
        var source = Source(count, seed);
        return Enumerable.Range(0, count).Select(i => ($"unseen-{i}.png", Png(source, i), Classes[source.LabelAt(i)]));
    }

    private static SyntheticImageSource Source(int count, int seed) => new(count, Classes.Length, new ImageShape(1, Side, Side), seed);

    private static void Add(ZipArchive zip, string split, SyntheticImageSource source)
    {
        for (var i = 0; i < source.Count; i++)
        {
            using var entry = zip.CreateEntry($"{split}/{Classes[source.LabelAt(i)]}/{i}.png").Open();
            entry.Write(Png(source, i));
        }
    }

    private static byte[] Png(SyntheticImageSource source, int index)
    {
        var pixels = new byte[Side * Side];
        source.ReadInto(index, 1, Side, Side, pixels);
        using var image = Image.LoadPixelData<L8>(pixels, Side, Side);
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }
}
