namespace ResNetService.Model.Architecture;

/// <summary>
/// What a user asks for: a preset depth (as MXNet's <c>get_symbol</c>), or explicit units and filters,
/// for a given input shape and class count. <see cref="ResNetConfigResolver"/> turns it into a <see cref="ResNetConfig"/>.
/// </summary>
public sealed record ResNetSpec(
    int InputChannels,
    int InputHeight,
    int InputWidth,
    int Classes,
    int? Depth = null,
    bool? Bottleneck = null,
    IReadOnlyList<int>? Units = null,
    IReadOnlyList<int>? Filters = null);
