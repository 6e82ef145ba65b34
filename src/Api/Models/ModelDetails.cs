using ResNetService.Api.Records;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Models;

/// <summary>Everything about one model: <c>GET /models/{id}</c>.</summary>
/// <param name="FromModelId">The model its job started from (fine-tuning); null when trained from scratch or imported.</param>
/// <param name="ClassifierReinitialised">For a fine-tuned model: whether the classifier of the model it started from was replaced for other classes.</param>
/// <param name="ImportedFrom">For an imported model: the file and its format.</param>
public sealed record ModelDetails(
    string Id,
    string Name,
    string? SourceJobId,
    string? DatasetId,
    string? FromModelId,
    bool? ClassifierReinitialised,
    string? ImportedFrom,
    DateTimeOffset CreatedAt,
    bool IsDefault,
    IReadOnlyList<string> Classes,
    ArchitectureSummary Architecture,
    Preprocessing Preprocessing,
    ModelMetrics Metrics)
{
    public static ModelDetails Of(ModelRow m, bool isDefault) =>
        new(m.Id, m.Name, m.SourceRunId, m.DatasetId, m.SourceModelId, m.ClassifierReinitialised, m.ImportedFrom, m.CreatedAt, isDefault, m.Description.Classes,
            ArchitectureSummary.Of(m.Description.Architecture), Preprocessing.Of(m.Description), ModelMetrics.Of(m));
}
