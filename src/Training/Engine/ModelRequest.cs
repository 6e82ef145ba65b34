using ResNetService.Model.Architecture;

namespace ResNetService.Training.Engine;

/// <summary>
/// The network a user asks to train. Input channels and class count come from the dataset; the input size defaults
/// to the dataset's image size.
/// </summary>
public sealed record ModelRequest(
    int? Depth = null,
    bool? Bottleneck = null,
    IReadOnlyList<int>? Units = null,
    IReadOnlyList<int>? Filters = null,
    int? InputHeight = null,
    int? InputWidth = null)
{
    public ResNetSpec ToSpec(int channels, int imageHeight, int imageWidth, int classes) =>
        new(channels, InputHeight ?? imageHeight, InputWidth ?? InputHeight ?? imageWidth, classes, Depth, Bottleneck, Units, Filters);
}
