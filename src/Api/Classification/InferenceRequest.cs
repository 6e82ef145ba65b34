using ResNetService.Api.Records;

namespace ResNetService.Api.Classification;

/// <summary>Decoded images (C×H×W bytes) for one model, and where their class probabilities go.</summary>
public sealed record InferenceRequest(ModelRow Model, string CheckpointPath, IReadOnlyList<byte[]> Images, CancellationToken CancellationToken)
{
    public TaskCompletionSource<float[][]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
