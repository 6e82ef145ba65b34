using ResNetService.Training.Data;

namespace ResNetService.Api.Records;

/// <summary>A registered dataset as the records database holds it; its files stay on the data volume.</summary>
public sealed class DatasetRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DatasetManifest Manifest { get; init; }
    /// <summary>The server folder of an imported dataset; null for uploads, whose files are under the data root.</summary>
    public string? ImportedFrom { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
