using System.Diagnostics;

namespace ResNetService.Api.Classification;

/// <summary>Something for the inference thread to do with one model, and when it was asked for.</summary>
public abstract record InferenceWork(string ModelId, string CheckpointPath, CancellationToken CancellationToken)
{
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();
}
