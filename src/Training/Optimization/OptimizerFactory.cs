using ResNetService.Model.Network;
using ResNetService.Training.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Training.Optimization;

/// <summary>
/// SGD with momentum, weight decay on convolution and classifier weights and BN scales (MXNet's wd_mult), none on
/// biases and BN shifts. bn_data's fixed scale is not trainable and so not optimised at all.
/// </summary>
public static class OptimizerFactory
{
    public static SGD Create(ResNet model, TrainingOptions options)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        var decayed = trainable.Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        var undecayed = trainable.Where(p => !p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        return optim.SGD(
            [
                new SGD.ParamGroup(decayed, new SGD.Options { weight_decay = options.WeightDecay }),
                new SGD.ParamGroup(undecayed, new SGD.Options { weight_decay = 0 }),
            ],
            options.LearningRate,
            options.Momentum,
            nesterov: options.Nesterov);
    }

    public static void SetLearningRate(SGD optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate;
    }
}
