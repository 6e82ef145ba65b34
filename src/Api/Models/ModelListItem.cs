namespace ResNetService.Api.Models;

/// <summary>One row of <c>GET /models</c>.</summary>
public sealed record ModelListItem(
    string Id,
    string Name,
    string? SourceJobId,
    DateTimeOffset CreatedAt,
    bool IsDefault,
    string Architecture,
    int Classes,
    double BestValidationAccuracy,
    double? TestAccuracy)
{
    public static ModelListItem Of(ModelCard card, bool isDefault) =>
        new(card.Id, card.Name, card.SourceJobId, card.CreatedAt, isDefault, card.Description.Architecture.ToString(),
            card.Description.Classes.Count, card.Metrics.BestValidationAccuracy, card.Metrics.Test?.Accuracy);
}
