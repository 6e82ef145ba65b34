using ResNetService.Api.Records;

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
    double? BestValidationAccuracy,
    double? TestAccuracy)
{
    public static ModelListItem Of(ModelRow m, bool isDefault) =>
        new(m.Id, m.Name, m.SourceRunId, m.CreatedAt, isDefault, m.Description.Architecture.ToString(),
            m.Description.Classes.Count, m.ImportedFrom is null ? m.BestValidationAccuracy : null, m.Test?.Accuracy);
}
