namespace ResNetService.Api.Models;

/// <summary>Body and answer of <c>PUT /models/default</c>.</summary>
public sealed record DefaultModel(string ModelId);
