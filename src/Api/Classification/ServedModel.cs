using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Classification;

/// <summary>
/// A model as /classify holds it: the checkpoint (its description, and the network Grad-CAM explains with) and the
/// engine that answers plain requests.
/// </summary>
public sealed record ServedModel(LoadedCheckpoint Checkpoint, IInferenceEngine Engine) : IDisposable
{
    public ModelDescription Description => Checkpoint.Description;

    public void Dispose()
    {
        Engine.Dispose();
        Checkpoint.Model.Dispose();
    }
}
