using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;
using ResNetService.Training.Tests.Engine;
using TorchSharp.Modules;

namespace ResNetService.Training.Tests.Optimization;

[Collection(TorchSeedCollection.Name)]
public class OptimizerFactoryTests
{
    private static List<ParamGroup> Groups(SGD optimizer) => optimizer.ParamGroups.Cast<ParamGroup>().ToList();

    private static ResNet Network() => new(ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(1, 16, 16), 4));

    [Fact]
    public void TheClassifierGetsItsOwnMultipleOfTheScheduledRate()
    {
        using var model = Network();
        using var optimizer = OptimizerFactory.Create(model, new TrainingOptions { LearningRate = 0.1, HeadLearningRateMultiplier = 10 });

        OptimizerFactory.SetLearningRate(optimizer, 0.02, 10);

        var groups = Groups(optimizer);
        var classifier = model.named_parameters().Where(p => p.name.StartsWith("fc1.")).Select(p => p.parameter).ToList();
        Assert.Equal(4, groups.Count);
        Assert.Equal([0.02, 0.02, 0.2, 0.2], groups.Select(g => Math.Round(g.LearningRate, 10)));
        Assert.Equal(classifier.Count, groups.Skip(2).Sum(g => g.Parameters.Count()));
        Assert.All(groups.Skip(2).SelectMany(g => g.Parameters), p => Assert.Contains(classifier, c => ReferenceEquals(c, p)));
    }

    [Fact]
    public void FrozenParametersAreNotOptimised()
    {
        using var model = Network();
        int all;
        using (var before = OptimizerFactory.Create(model, new TrainingOptions()))
            all = Groups(before).Sum(g => g.Parameters.Count());

        model.Freeze(FreezeLevel.Parts("stage2", model.Config));
        using var optimizer = OptimizerFactory.Create(model, new TrainingOptions());

        var frozen = model.named_parameters().Count(p => !p.parameter.requires_grad);
        Assert.Equal(all - frozen + 1, Groups(optimizer).Sum(g => g.Parameters.Count())); // bn_data.weight never trains
        Assert.Equal(2, Groups(optimizer).Count);
    }
}
