namespace ResNetService.Model.Architecture;

/// <summary>Channels, height and width: of a dataset's images, or of the input a network takes.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int ByteCount => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
