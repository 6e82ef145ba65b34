using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Models;

/// <summary>A trained model's <c>card.json</c>: where it came from, what it is and how well it did.</summary>
public sealed record ModelCard(
    string Id,
    string Name,
    string? SourceJobId,
    string? DatasetId,
    DateTimeOffset CreatedAt,
    ModelDescription Description,
    ModelMetrics Metrics);
