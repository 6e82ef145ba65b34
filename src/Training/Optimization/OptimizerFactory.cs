using ResNetService.Model.Network;
using TorchSharp.Modules;
using ResNetService.Training.Hyperparameters;
using static TorchSharp.torch;

namespace ResNetService.Training.Optimization;

/// <summary>
/// SGD with momentum, weight decay on convolution and classifier weights and BN scales (MXNet's wd_mult), none on
/// biases and BN shifts. Parameters that do not require gradients (bn_data's fixed scale, frozen parts) are not
/// optimised at all. With a head learning-rate multiplier other than 1 the classifier gets its own two groups,
/// after the others, whose rate is the multiple of the scheduled one.
/// </summary>
public static class OptimizerFactory
{
    private const string ClassifierPrefix = "fc1.";
    private const int BackboneGroups = 2;

    public static SGD Create(ResNet model, TrainingOptions options)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        var ownHead = options.HeadLearningRateMultiplier != 1;
        var backbone = trainable.Where(p => !ownHead || !p.name.StartsWith(ClassifierPrefix, StringComparison.Ordinal)).ToList();
        var groups = Groups(backbone, options);
        if (ownHead)
            groups.AddRange(Groups(trainable.Except(backbone).ToList(), options));
        var optimizer = optim.SGD(groups, options.LearningRate, options.Momentum, nesterov: options.Nesterov);
        SetLearningRate(optimizer, options.LearningRate, options.HeadLearningRateMultiplier);
        return optimizer;
    }

    public static void SetLearningRate(SGD optimizer, double learningRate, double headMultiplier)
    {
        var groups = optimizer.ParamGroups.ToList();
        for (var i = 0; i < groups.Count; i++)
            groups[i].LearningRate = i < BackboneGroups ? learningRate : learningRate * headMultiplier;
    }

    private static List<SGD.ParamGroup> Groups(List<(string name, Parameter parameter)> parameters, TrainingOptions options)
    {
        static bool IsWeight((string name, Parameter) p) => p.name.EndsWith(".weight", StringComparison.Ordinal);
        return
        [
            new SGD.ParamGroup(parameters.Where(IsWeight).Select(p => p.parameter), new SGD.Options { weight_decay = options.WeightDecay }),
            new SGD.ParamGroup(parameters.Where(p => !IsWeight(p)).Select(p => p.parameter), new SGD.Options { weight_decay = 0 }),
        ];
    }
}
