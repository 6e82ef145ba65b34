using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>The network to train: a preset depth, or explicit units and filters; the input size defaults to the dataset's images.</summary>
public sealed record ModelSpec(int? Depth = null, bool? Bottleneck = null, IReadOnlyList<int>? Units = null, IReadOnlyList<int>? Filters = null, int? InputSize = null)
{
    public ModelRequest ToRequest() => new(Depth, Bottleneck, Units, Filters, InputSize, InputSize);
}
