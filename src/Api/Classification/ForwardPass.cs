using ResNetService.Model.Network;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>The forward pass /classify runs (and <c>bench classify</c> measures): class probabilities of a batch, on the host.</summary>
public static class ForwardPass
{
    /// <param name="inferenceMode">
    /// Inference mode rather than no_grad: besides recording no graph, tensors skip version counting and view tracking.
    /// The input must then be made inside the same mode or before it; it can no longer take part in autograd.
    /// </param>
    public static float[] Probabilities(ResNet network, Tensor input, bool inferenceMode = true)
    {
        using var scope = NewDisposeScope();
        using var mode = inferenceMode ? inference_mode() : no_grad();
        return network.forward(input).softmax(1).cpu().data<float>().ToArray();
    }
}
