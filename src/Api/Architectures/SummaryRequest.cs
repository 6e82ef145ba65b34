using ResNetService.Model.Architecture;

namespace ResNetService.Api.Architectures;

/// <summary>A configuration to summarise: a layout for an input shape and class count.</summary>
public sealed record SummaryRequest : NetworkLayout
{
    public int InputChannels { get; init; } = 3;
    public int InputHeight { get; init; } = 32;
    public int InputWidth { get; init; } = 32;
    public int Classes { get; init; } = 10;

    /// <exception cref="InvalidArchitectureException">The configuration is not a valid ResNet.</exception>
    public ResNetConfig Resolve() => ResNetConfigResolver.Resolve(this, new ImageShape(InputChannels, InputHeight, InputWidth), Classes);
}
