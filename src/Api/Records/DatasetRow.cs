using ResNetService.Training.Data;

namespace ResNetService.Api.Records;

/// <summary>A registered dataset as the records database holds it; its files stay on the data volume.</summary>
public sealed class DatasetRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DatasetManifest Manifest { get; init; }
    /// <summary>The folder of an imported dataset, relative to the import root (each host resolves it under its own); null for uploads.</summary>
    public string? ImportedFrom { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
