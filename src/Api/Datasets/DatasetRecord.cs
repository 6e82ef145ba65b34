using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

/// <summary>A registered dataset, as stored in its <c>manifest.json</c> and returned by the API.</summary>
/// <param name="ImportedFrom">The server folder of an imported dataset; null for uploads, whose files live beside the manifest.</param>
public sealed record DatasetRecord(
    string Id,
    string Name,
    string Format,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, SplitCounts> Counts,
    ImageShape ImageShape,
    int SkippedFiles,
    IReadOnlyList<string> Warnings,
    string? ImportedFrom,
    DateTimeOffset CreatedAt)
{
    public static DatasetRecord Of(string id, string name, DatasetManifest manifest, string? importedFrom) =>
        new(id, name, manifest.Format, manifest.Classes, manifest.Counts, manifest.ImageShape, manifest.SkippedFiles, manifest.Warnings, importedFrom, DateTimeOffset.UtcNow);
}
