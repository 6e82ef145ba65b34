using ResNetService.Model.Network;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Training.Engine;

/// <summary>One optimiser step inside its own dispose scope, so no tensor outlives it.</summary>
/// <param name="classWeights">Per-class loss weights on the model's device; null weighs every sample the same.</param>
public sealed class TrainingStep(ResNet model, SGD optimizer, double labelSmoothing, Tensor? classWeights = null)
{
    /// <returns>The batch's mean loss and how many samples the network got right before the update.</returns>
    public (double Loss, long Correct) Run(Tensor input, Tensor labels)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = model.forward(input);
        var loss = nn.functional.cross_entropy(logits, labels, weight: classWeights, label_smoothing: labelSmoothing);
        loss.backward();
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(labels).sum().item<long>());
    }
}
