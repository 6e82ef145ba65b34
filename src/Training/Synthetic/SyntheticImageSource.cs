using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Decoding;
using ResNetService.Training.Pipeline;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Synthetic;

/// <summary>
/// A generated, learnable image task for benchmarks, demos and tests (nothing is downloaded): class k is a bright
/// square whose side grows with k, anywhere in the image, on a noisy background. The classes survive shifts and
/// flips, so the usual augmentations keep them apart. Sample i is the same on every read.
/// </summary>
public sealed class SyntheticImageSource(int count, int classes, ImageShape shape, int seed) : IImageSource
{
    public int Count => count;

    public ImageShape Shape => shape;

    public int LabelAt(int index) => index % classes;

    public string NameOf(int index) => $"synthetic#{index}";

    public Size ReadRegionInto(int index, ImageShape target, IImageRegion region, Random random, Span<byte> destination)
    {
        var whole = new byte[shape.ByteCount];
        ReadInto(index, shape.Channels, shape.Height, shape.Width, whole);
        var size = new Size(shape.Width, shape.Height);
        ChwConversion.Convert(whole, shape, target.Channels, target.Height, target.Width, destination, region.Choose(size, random));
        return size;
    }

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination)
    {
        if (channels != shape.Channels || height != shape.Height || width != shape.Width)
            throw new ArgumentException($"Synthetic images are {shape.Channels}x{shape.Height}x{shape.Width}.");
        var random = SeededRandom.For(seed, index);
        foreach (ref var pixel in destination)
            pixel = (byte)random.Next(0, 60);

        var label = LabelAt(index);
        var room = Math.Min(height, width);
        var side = Math.Clamp((int)Math.Round((label + 1) * 0.6 * room / classes), 1, room);
        // Keep clear of the border where the random crop's zero padding could cut the square.
        var margin = Math.Min(AugmentationPolicy.SmallImagePadding, (room - side) / 2);
        var top = random.Next(margin, height - side - margin + 1);
        var left = random.Next(margin, width - side - margin + 1);
        var brightness = (byte)random.Next(180, 256);
        for (var c = 0; c < channels; c++)
            for (var y = top; y < top + side; y++)
                destination.Slice(c * height * width + y * width + left, side).Fill(brightness);
    }
}
