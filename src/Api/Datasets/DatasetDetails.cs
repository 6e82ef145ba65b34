using ResNetService.Api.Records;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

/// <summary>A registered dataset, as the API answers with it.</summary>
/// <param name="ImportedFrom">The folder of an imported dataset, relative to the server's import root; null for uploads.</param>
/// <param name="Health">Where its health report is (computed in the background after registration).</param>
public sealed record DatasetDetails(
    string Id,
    string Name,
    string Format,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, SplitCounts> Counts,
    ImageShape ImageShape,
    int SkippedFiles,
    IReadOnlyList<string> Warnings,
    string? ImportedFrom,
    DateTimeOffset CreatedAt,
    string Health)
{
    public static DatasetDetails Of(DatasetRow d) =>
        new(d.Id, d.Name, d.Manifest.Format, d.Manifest.Classes, d.Manifest.Counts, d.Manifest.ImageShape, d.Manifest.SkippedFiles,
            d.Manifest.Warnings, d.ImportedFrom, d.CreatedAt, $"/datasets/{d.Id}/health");
}
