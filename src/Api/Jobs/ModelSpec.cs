using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>
/// The network to train: a preset depth, or explicit units and filters; the input size defaults to the dataset's
/// images. Or <see cref="From"/>: a model whose architecture, input size and weights the run starts from; any other
/// field given beside it must agree with that model.
/// </summary>
/// <param name="From">The id of a model to fine-tune (trained here or imported with POST /models/import).</param>
public sealed record ModelSpec(int? Depth = null, bool? Bottleneck = null, IReadOnlyList<int>? Units = null, IReadOnlyList<int>? Filters = null, int? InputSize = null,
    string? From = null)
{
    public ModelRequest ToRequest() => new(Depth, Bottleneck, Units, Filters, InputSize, InputSize);
}
