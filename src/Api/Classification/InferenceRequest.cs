using ResNetService.Api.Models;

namespace ResNetService.Api.Classification;

/// <summary>Preprocessed images for one model, and where their class probabilities go.</summary>
public sealed record InferenceRequest(ModelCard Model, string CheckpointPath, IReadOnlyList<float[]> Images, CancellationToken CancellationToken)
{
    public TaskCompletionSource<float[][]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
