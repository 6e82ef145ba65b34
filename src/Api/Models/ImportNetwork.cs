using ResNetService.Model.Architecture;

namespace ResNetService.Api.Models;

/// <summary>
/// The network an imported weights file is for: a layout plus the input shape, which a job takes from its dataset and
/// an import has no dataset for. <c>inputSize</c> gives a square input; height and width may be given instead.
/// </summary>
public sealed record ImportNetwork : NetworkLayout
{
    public int? InputSize { get; init; }
    public int? InputHeight { get; init; }
    public int? InputWidth { get; init; }
    public int InputChannels { get; init; } = 3;

    /// <param name="maxParameters">The host's cap on a model's parameters.</param>
    /// <exception cref="InvalidArchitectureException">The network cannot be built, or is over the cap; also when no input size is given.</exception>
    public ResNetConfig Resolve(int classes, long maxParameters)
    {
        if ((InputHeight ?? InputSize) is not { } height || (InputWidth ?? InputSize) is not { } width)
            throw new InvalidArchitectureException(new Dictionary<string, string[]> { ["inputSize"] = ["Give the side the network takes, e.g. 32 (or inputHeight and inputWidth)."] });
        return ResNetConfigResolver.Resolve(this, new ImageShape(InputChannels, height, width), classes, maxParameters);
    }
}
