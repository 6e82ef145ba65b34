using System.Buffers;
using ResNetService.Model.Architecture;

namespace ResNetService.Training.Pipeline;

/// <summary>Pads the image with zeros on every side and crops it back to its size at a random offset.</summary>
public sealed class PaddedRandomCrop(int padding) : IAugmentation
{
    public void Apply(Span<byte> sample, ImageShape shape, Random random)
    {
        var dy = random.Next(-padding, padding + 1);
        var dx = random.Next(-padding, padding + 1);
        if (dx == 0 && dy == 0)
            return;
        int height = shape.Height, width = shape.Width;
        var source = ArrayPool<byte>.Shared.Rent(sample.Length);
        sample.CopyTo(source);
        sample.Clear();
        // Output pixel (y, x) takes input pixel (y + dy, x + dx), or zero where that falls outside.
        int from = Math.Max(0, dx), to = Math.Min(width, width + dx);
        for (var c = 0; c < shape.Channels && to > from; c++)
        {
            var plane = c * height * width;
            for (var y = Math.Max(0, -dy); y < Math.Min(height, height - dy); y++)
                source.AsSpan(plane + (y + dy) * width + from, to - from).CopyTo(sample[(plane + y * width + from - dx)..]);
        }
        ArrayPool<byte>.Shared.Return(source);
    }
}
