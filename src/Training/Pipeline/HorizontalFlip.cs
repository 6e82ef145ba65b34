using ResNetService.Model.Architecture;

namespace ResNetService.Training.Pipeline;

/// <summary>Mirrors the image left to right with probability one half.</summary>
public sealed class HorizontalFlip : IAugmentation
{
    public void Apply(Span<byte> sample, ImageShape shape, Random random)
    {
        if (random.Next(2) == 0)
            return;
        for (var row = 0; row < shape.Channels * shape.Height; row++)
            sample.Slice(row * shape.Width, shape.Width).Reverse();
    }
}
