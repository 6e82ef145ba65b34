namespace ResNetService.Api.Models;

/// <summary>Body of <c>PUT /models/default</c> and content of <c>models/default.json</c>.</summary>
public sealed record DefaultModel(string ModelId);
