using ResNetService.Model.Architecture;

namespace ResNetService.Api.Architectures;

/// <summary>A configuration to summarise: a preset depth, or explicit units and filters, for an input shape and class count.</summary>
public sealed record ArchitectureRequest(
    int InputChannels = 3,
    int InputHeight = 32,
    int InputWidth = 32,
    int Classes = 10,
    int? Depth = null,
    bool? Bottleneck = null,
    IReadOnlyList<int>? Units = null,
    IReadOnlyList<int>? Filters = null)
{
    public ResNetSpec ToSpec() => new(InputChannels, InputHeight, InputWidth, Classes, Depth, Bottleneck, Units, Filters);
}
