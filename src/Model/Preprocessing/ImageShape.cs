using ResNetService.Model.Architecture;

namespace ResNetService.Model.Preprocessing;

public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int ByteCount => Channels * Height * Width;

    /// <summary>The input a network takes.</summary>
    public static ImageShape Of(ResNetConfig architecture) => new(architecture.InputChannels, architecture.InputHeight, architecture.InputWidth);
}
