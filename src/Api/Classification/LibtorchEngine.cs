using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>The checkpoint's own TorchSharp network; the network stays the checkpoint's to dispose.</summary>
/// <param name="inferenceMode">As the service runs (true), or under no_grad, for <c>bench classify --no-grad</c> to compare.</param>
public sealed class LibtorchEngine(LoadedCheckpoint checkpoint, Device device, bool inferenceMode = true) : IInferenceEngine
{
    // The training's own transfer: the same uint8-to-float conversion and normalisation the network learned with.
    private readonly InputTransfer _transfer = new(checkpoint.Description.Architecture.Input, checkpoint.Description.Normalization, device);

    public ClassificationEngine Kind => ClassificationEngine.Libtorch;

    public float[] Probabilities(byte[] pixels, int images)
    {
        using var scope = NewDisposeScope();
        // The input is made inside the mode the forward pass runs in, as inference mode requires.
        using var mode = inferenceMode ? inference_mode() : no_grad();
        return ForwardPass.Probabilities(checkpoint.Model, _transfer.Images(pixels, images), inferenceMode);
    }

    public void Dispose() => _transfer.Dispose();
}
