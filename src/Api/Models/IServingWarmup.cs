namespace ResNetService.Api.Models;

/// <summary>
/// What serving does for the models' endpoints: load and warm a model before it is pinned as the default, so the first
/// request it answers is no slower than the rest. Serving implements it, so the models need not know serving.
/// </summary>
public interface IServingWarmup
{
    /// <exception cref="ResNetService.Model.Checkpoints.CheckpointException">The model's file is missing or damaged.</exception>
    Task WarmAsync(string modelId, string checkpointPath, CancellationToken cancellationToken);
}
