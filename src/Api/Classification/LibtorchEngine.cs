using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>The checkpoint's own TorchSharp network, in inference mode; the network stays the checkpoint's to dispose.</summary>
public sealed class LibtorchEngine(LoadedCheckpoint checkpoint, Device device) : IInferenceEngine
{
    // The training's own transfer: the same uint8-to-float conversion and normalisation the network learned with.
    private readonly InputTransfer _transfer = new(ImageShape.Of(checkpoint.Description.Architecture), checkpoint.Description.Normalization, device);

    public ClassificationEngine Kind => ClassificationEngine.Libtorch;

    public float[] Probabilities(byte[] pixels, int images)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        return ForwardPass.Probabilities(checkpoint.Model, _transfer.Images(pixels, images));
    }

    public void Dispose() => _transfer.Dispose();
}
