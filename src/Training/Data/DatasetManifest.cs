using ResNetService.Model.Architecture;
namespace ResNetService.Training.Data;

/// <param name="Format">One of <see cref="DatasetFormats"/>.</param>
/// <param name="Counts">Keyed by <see cref="SplitNames"/>; "validation" only when the dataset has its own validation split.</param>
public sealed record DatasetManifest(
    string Format,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, SplitCounts> Counts,
    ImageShape ImageShape,
    int SkippedFiles,
    IReadOnlyList<string> Warnings);
