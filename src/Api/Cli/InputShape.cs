namespace ResNetService.Api.Cli;

/// <summary>An input shape as the command line writes it: channels x height x width, such as <c>3x224x224</c>.</summary>
public sealed record InputShape(int Channels, int Height, int Width)
{
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
