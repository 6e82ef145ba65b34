using ResNetService.Api.Records;

namespace ResNetService.Api.Classification;

/// <summary>Decoded images (C×H×W bytes) for one model, whether to explain them, and where the results go.</summary>
public sealed record InferenceRequest(
    ModelRow Model, string CheckpointPath, IReadOnlyList<byte[]> Images, bool Explain, CancellationToken CancellationToken)
{
    public TaskCompletionSource<ImageInference[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
