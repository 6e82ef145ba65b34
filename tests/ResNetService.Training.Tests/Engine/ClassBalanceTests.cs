using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Synthetic;
using Xunit.Abstractions;

namespace ResNetService.Training.Tests.Engine;

/// <summary>On a generated 4-class task where class 1 has a tenth of the others' samples, both balancing methods raise its recall.</summary>
[Collection(TorchSeedCollection.Name)]
public sealed class ClassBalanceTests(ITestOutputHelper output) : IDisposable
{
    private const int Minority = 1;
    private readonly string _root = Directory.CreateTempSubdirectory("resnet-balance-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string ImbalancedDataset(int seed)
    {
        var shape = new ImageShape(1, 16, 16);
        var pool = new SyntheticImageSource(4 * 160, 4, shape, seed);
        var majority = Enumerable.Range(0, pool.Count).Where(i => pool.LabelAt(i) != Minority);
        var minority = Enumerable.Range(0, pool.Count).Where(i => pool.LabelAt(i) == Minority).Take(16);
        var train = new SubsetImageSource(pool, majority.Concat(minority).ToArray());
        var folder = Path.Combine(_root, $"imbalanced-{seed}");
        SyntheticDatasetWriter.WriteIdx(folder, train, new SyntheticImageSource(4 * 60, 4, shape, seed + 1), shape);
        return folder;
    }

    private double MinorityRecall(string dataset, ClassBalance balance, int seed)
    {
        var options = TrainerFixture.Options with { Epochs = 3, ClassBalance = balance, Seed = seed };
        var result = new Trainer().Run(new TrainingJob(dataset, TrainerFixture.Model, options, Path.Combine(_root, $"{balance}-{seed}"), TrainerFixture.Settings), null, CancellationToken.None);
        Assert.Equal(result.TrainClassCounts[0] / 10, result.TrainClassCounts[Minority], tolerance: 1);
        return result.Test!.PerClass[Minority].Recall;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BalancingRaisesTheMinorityClassRecall(int seed)
    {
        var dataset = ImbalancedDataset(seed);

        var none = MinorityRecall(dataset, ClassBalance.None, seed);
        var weights = MinorityRecall(dataset, ClassBalance.Weights, seed);
        var sampler = MinorityRecall(dataset, ClassBalance.Sampler, seed);

        output.WriteLine($"seed {seed}: minority recall none {none:P1}, weights {weights:P1}, sampler {sampler:P1}");
        Assert.True(weights >= none + 0.3, $"weights {weights:P1} against {none:P1}");
        Assert.True(sampler >= none + 0.3, $"sampler {sampler:P1} against {none:P1}");
    }
}
