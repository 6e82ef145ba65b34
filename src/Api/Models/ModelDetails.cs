using ResNetService.Api.Records;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Models;

/// <summary>Everything about one model: <c>GET /models/{id}</c>.</summary>
public sealed record ModelDetails(
    string Id,
    string Name,
    string? SourceJobId,
    string? DatasetId,
    DateTimeOffset CreatedAt,
    bool IsDefault,
    IReadOnlyList<string> Classes,
    ArchitectureSummary Architecture,
    Preprocessing Preprocessing,
    ModelMetrics Metrics)
{
    public static ModelDetails Of(ModelRow m, bool isDefault) =>
        new(m.Id, m.Name, m.SourceRunId, m.DatasetId, m.CreatedAt, isDefault, m.Description.Classes,
            ArchitectureSummary.Of(m.Description.Architecture), Preprocessing.Of(m.Description), ModelMetrics.Of(m));
}
