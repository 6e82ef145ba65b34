using ResNetService.Model.Architecture;

namespace ResNetService.Api.Models;

/// <summary>
/// The network an imported weights file is for: a job's <c>model</c> fields plus the input channels, which a job takes
/// from its dataset and an import has no dataset for. <see cref="InputSize"/> gives a square input; height and width
/// may be given instead.
/// </summary>
public sealed record ImportArchitecture(
    int? Depth = null,
    bool? Bottleneck = null,
    IReadOnlyList<int>? Units = null,
    IReadOnlyList<int>? Filters = null,
    int? InputSize = null,
    int? InputHeight = null,
    int? InputWidth = null,
    int InputChannels = 3)
{
    /// <param name="maxParameters">The host's cap on a model's parameters.</param>
    /// <exception cref="InvalidArchitectureException">The network cannot be built, or is over the cap; also when no input size is given.</exception>
    public ResNetConfig Resolve(int classes, long maxParameters)
    {
        if ((InputHeight ?? InputSize) is not { } height || (InputWidth ?? InputSize) is not { } width)
            throw new InvalidArchitectureException(new Dictionary<string, string[]> { ["inputSize"] = ["Give the side the network takes, e.g. 32 (or inputHeight and inputWidth)."] });
        return ResNetConfigResolver.Resolve(new ResNetSpec(InputChannels, height, width, classes, Depth, Bottleneck, Units, Filters), maxParameters);
    }
}
