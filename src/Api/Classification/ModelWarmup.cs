using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Classification;

/// <summary>Load a model (if it is not loaded) and run it once on dummy batches, so that no request pays for either.</summary>
public sealed record ModelWarmup(string ModelId, string CheckpointPath, CancellationToken CancellationToken)
    : InferenceWork(ModelId, CheckpointPath, CancellationToken)
{
    public TaskCompletionSource<ModelDescription> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
