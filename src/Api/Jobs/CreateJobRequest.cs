using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <param name="Training">Any field left out takes its default.</param>
public sealed record CreateJobRequest(string DatasetId, ModelSpec Model, string? Name = null, TrainingOptions? Training = null);
