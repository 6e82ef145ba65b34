using System.Diagnostics;

namespace ResNetService.Api.Classification;

/// <summary>Decoded images (C×H×W bytes) for one model, whether to explain them, and where the results go.</summary>
/// <param name="Caller">The span of the request that asked, for the batch's span to link to.</param>
public sealed record InferenceRequest(
    string ModelId, string CheckpointPath, IReadOnlyList<byte[]> Images, bool Explain, ActivityContext Caller, CancellationToken CancellationToken)
    : InferenceWork(ModelId, CheckpointPath, CancellationToken)
{
    public TaskCompletionSource<ImageInference[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The span of the batch the images rode in; set before <see cref="Completion"/> completes.</summary>
    public ActivityContext Batch { get; set; }

    /// <summary>The name of the engine that ran the images; set before <see cref="Completion"/> completes.</summary>
    public string Engine { get; set; } = "";
}
