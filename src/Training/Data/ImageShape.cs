namespace ResNetService.Training.Data;

public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int ByteCount => Channels * Height * Width;
}
