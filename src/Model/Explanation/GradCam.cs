using ResNetService.Model.Network;
using static TorchSharp.torch;

namespace ResNetService.Model.Explanation;

/// <summary>
/// Grad-CAM (Selvaraju et al., 2017) on the last stage's activations: each channel is weighted by the spatial mean of
/// the gradient of the top class's score (its logit) with respect to it, the weighted channels are summed, and
/// only positive evidence is kept.
/// </summary>
/// <remarks>
/// The body of the network runs once without autograd; only the head (pool and classifier) is recorded, on a
/// detached copy of the activations, so the backward is one small pass over the head for the whole batch. Each
/// image's score depends on that image alone (BN uses its running statistics), so summing the scores of a batch
/// gives every image its own gradient. Gradients are taken with <c>autograd.grad</c>, which leaves the model's
/// parameter gradients untouched. The model must be in inference mode (<c>eval()</c>).
/// </remarks>
public static class GradCam
{
    public static ImageExplanation[] Explain(ResNet model, Tensor images)
    {
        using var scope = NewDisposeScope();
        Tensor activations;
        using (no_grad())
            activations = model.LastStageActivations(images);

        Tensor logits, top, gradient;
        using (enable_grad())
        {
            var leaf = activations.detach().requires_grad_(true);
            logits = model.Classify(leaf);
            top = logits.argmax(1, keepdim: true);
            var score = logits.gather(1, top).sum();
            gradient = autograd.grad([score], [leaf])[0];
        }

        using var noGrad = no_grad();
        var weights = gradient.mean([2, 3], keepdim: true);
        var maps = weights.mul(activations).sum(1).relu_();
        // Scaled per image so the grid reads as a heatmap; an all-zero map stays zero.
        var peak = maps.amax([1, 2], keepdim: true).clamp_min_(float.Epsilon);
        maps = maps.div_(peak).cpu();

        var probabilities = logits.detach().softmax(1).cpu().data<float>().ToArray();
        var classes = (int)logits.shape[1];
        var (height, width) = ((int)maps.shape[1], (int)maps.shape[2]);
        var values = maps.data<float>().ToArray();
        var explained = top.cpu().data<long>().ToArray();
        return Enumerable.Range(0, (int)images.shape[0]).Select(i =>
        {
            var map = new ClassActivationMap((int)explained[i], height, width, values[(i * height * width)..((i + 1) * height * width)]);
            return new ImageExplanation(probabilities[(i * classes)..((i + 1) * classes)], map);
        }).ToArray();
    }
}
