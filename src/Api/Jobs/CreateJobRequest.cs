using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

/// <param name="Training">Any field left out takes its default (for a run that starts from a model, the fine-tuning defaults where they differ).</param>
public sealed record CreateJobRequest(string DatasetId, JobModel Model, string? Name = null, TrainingRequest? Training = null);
