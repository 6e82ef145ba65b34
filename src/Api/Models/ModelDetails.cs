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
    public static ModelDetails Of(ModelCard card, bool isDefault) =>
        new(card.Id, card.Name, card.SourceJobId, card.DatasetId, card.CreatedAt, isDefault, card.Description.Classes,
            ArchitectureSummary.Of(card.Description.Architecture), Preprocessing.Of(card.Description), card.Metrics);
}
