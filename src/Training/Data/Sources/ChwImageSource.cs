using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Decoding;
using SixLabors.ImageSharp;
namespace ResNetService.Training.Data.Sources;

/// <summary>Samples already held in memory as contiguous CHW bytes (IDX and CIFAR).</summary>
internal sealed class ChwImageSource(ReadOnlyMemory<byte> pixels, int[] labels, ImageShape shape, Func<int, string> nameOf)
    : IImageSource
{
    public int Count => labels.Length;

    public int LabelAt(int index) => labels[index];

    public string NameOf(int index) => nameOf(index);

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination)
    {
        var sample = pixels.Span.Slice(index * shape.ByteCount, shape.ByteCount);
        ChwConversion.Convert(sample, shape, channels, height, width, destination);
    }

    public Size ReadRegionInto(int index, ImageShape target, IImageRegion region, Random random, Span<byte> destination)
    {
        var sample = pixels.Span.Slice(index * shape.ByteCount, shape.ByteCount);
        var size = new Size(shape.Width, shape.Height);
        ChwConversion.Convert(sample, shape, target.Channels, target.Height, target.Width, destination, region.Choose(size, random));
        return size;
    }

    public IImageSource Keep(IReadOnlyList<int> indices)
    {
        var kept = new byte[indices.Count * shape.ByteCount];
        for (var i = 0; i < indices.Count; i++)
            pixels.Span.Slice(indices[i] * shape.ByteCount, shape.ByteCount).CopyTo(kept.AsSpan(i * shape.ByteCount));
        var names = indices.Select(nameOf).ToArray();
        return new ChwImageSource(kept, indices.Select(i => labels[i]).ToArray(), shape, i => names[i]);
    }
}
