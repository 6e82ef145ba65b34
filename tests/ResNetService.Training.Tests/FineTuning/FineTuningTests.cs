using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Tests.Engine;

namespace ResNetService.Training.Tests.FineTuning;

[Collection(TorchSeedCollection.Name)]
public sealed class FineTuningTests : IDisposable
{
    private readonly TrainerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private TrainingJob FineTune(string run, string source, TrainingOptions options) =>
        _fixture.Job(run, options) with { From = new FineTuneSource(source) };

    private static TrainingOptions Short(string freeze) => TrainerFixture.Options with { Epochs = 1, Freeze = freeze };

    [Fact]
    public void FrozenPartsStayBitIdenticalWhileTheRestAndANewClassifierTrain()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "source.ckpt"), ["a", "b", "c"]);
        var before = SourceModels.StateOf(source);

        // Two epochs: the evaluation after the first switches the model back to training mode, which must not wake the frozen BNs.
        var result = new Trainer().Run(FineTune("frozen", source, Short("stage1") with { Epochs = 2 }), null, CancellationToken.None);

        Assert.True(result.ClassifierReinitialised);
        var after = SourceModels.StateOf(result.ModelPath!);
        Assert.Equal([4, 64], after["fc1.weight"].shape);
        var frozen = after.Keys.Where(k => k.StartsWith("bn_data.") || k.StartsWith("conv0.") || k.StartsWith("stage1.")).ToList();
        Assert.Contains("stage1.unit1.bn1.running_mean", frozen);
        Assert.All(frozen, name => Assert.True(SourceModels.Same(before[name], after[name]), $"{name} changed"));
        var trained = new[] { "stage2.unit1.conv1.weight", "stage3.unit1.bn1.running_mean", "bn1.weight", "bn1.running_var" };
        Assert.All(trained, name => Assert.False(SourceModels.Same(before[name], after[name]), $"{name} did not train"));
    }

    [Fact]
    public void WithoutFreezingEveryPartTrains()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "source.ckpt"), ["a", "b", "c"]);
        var before = SourceModels.StateOf(source);

        var result = new Trainer().Run(FineTune("unfrozen", source, Short("none")), null, CancellationToken.None);

        var after = SourceModels.StateOf(result.ModelPath!);
        Assert.All(new[] { "bn_data.running_mean", "conv0.weight", "stage1.unit1.conv1.weight" },
            name => Assert.False(SourceModels.Same(before[name], after[name]), $"{name} did not train"));
    }

    [Fact]
    public void SameClassesContinueFromTheSourceClassifier()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "source.ckpt"), ["0", "1", "2", "3"]);
        var before = SourceModels.StateOf(source);
        var barelyMoving = Short("stage3") with { LearningRate = 1e-6, WarmupEpochs = 0 };

        var result = new Trainer().Run(FineTune("same", source, barelyMoving), null, CancellationToken.None);

        Assert.False(result.ClassifierReinitialised);
        var after = SourceModels.StateOf(result.ModelPath!);
        Assert.True(before["fc1.weight"].sub(after["fc1.weight"]).abs().max().item<float>() < 1e-3f);
        Assert.True(before["fc1.weight"].abs().max().item<float>() > 0.05f);
    }

    [Fact]
    public void DatasetWithOtherChannelsIsRefused()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "colour.ckpt"), ["a", "b"], channels: 3);

        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer().Run(FineTune("channels", source, Short("none")), null, CancellationToken.None));

        Assert.Contains("colour (3-channel)", error.Message);
        Assert.Contains("grayscale (1-channel)", error.Message);
    }

    [Fact]
    public void FreezingPastTheLastStageIsRefused()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "source.ckpt"), ["a", "b", "c"]);

        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer().Run(FineTune("deep", source, Short("stage4")), null, CancellationToken.None));

        Assert.Contains("stage3", error.Message);
    }

    [Fact]
    public void ResumedFineTuningWithFreezingSamplingAndWeightsEndsBitExact()
    {
        var source = SourceModels.Save(Path.Combine(_fixture.Root, "source.ckpt"), ["a", "b", "c"]);
        var options = TrainerFixture.Options with
        {
            Epochs = 2,
            Freeze = "stem",
            HeadLearningRateMultiplier = 5,
            ClassBalance = ClassBalance.Sampler,
        };
        var straight = new Trainer().Run(FineTune("straight", source, options), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var interrupting = new RecordingObserver(onProgress: p => { if (p.Epoch == 2 && p.Step == 4) cancel.Cancel(); });

        var first = new Trainer().Run(FineTune("resumed", source, options), interrupting, cancel.Token);
        var resumed = new Trainer().Run(FineTune("resumed", source, options), null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Cancelled, first.Outcome);
        Assert.True(resumed.ClassifierReinitialised);
        Assert.Equal(straight.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
        var expected = SourceModels.StateOf(straight.ModelPath!);
        var actual = SourceModels.StateOf(resumed.ModelPath!);
        Assert.All(expected, p => Assert.True(SourceModels.Same(p.Value, actual[p.Key]), p.Key));
    }

    [Fact]
    public void FineTuningDefaultsYieldToWhatTheRequestSets()
    {
        var json = JsonSerializerOptions.Web;

        var applied = new TrainingRequest(new JsonObject { ["learningRate"] = 0.2, ["epochs"] = 3 }).Resolve(fineTuning: true, json);
        var defaulted = new TrainingRequest(new JsonObject { ["epochs"] = 3 }).Resolve(fineTuning: true, json);
        var setToTheScratchDefault = new TrainingRequest(new JsonObject { ["learningRate"] = TrainingDefaults.FromScratch.LearningRate }).Resolve(fineTuning: true, json);

        Assert.Equal(0.2, applied.LearningRate);
        Assert.Equal(TrainingDefaults.FineTuning.WarmupEpochs, applied.WarmupEpochs);
        Assert.Equal(TrainingDefaults.FineTuning.LearningRate, defaulted.LearningRate);
        Assert.Equal(3, defaulted.Epochs);
        Assert.Equal(TrainingDefaults.FromScratch.LearningRate, setToTheScratchDefault.LearningRate);
    }

    [Fact]
    public void TrainingClassCountsAreReported()
    {
        var result = new Trainer().Run(_fixture.Job("counts", TrainerFixture.Options with { Epochs = 1, ValidationFraction = 0.125 }), null, CancellationToken.None);

        Assert.Equal(4, result.TrainClassCounts.Count);
        Assert.Equal(480 - 60, result.TrainClassCounts.Sum());
        Assert.All(result.TrainClassCounts, count => Assert.Equal(105, count));
        Assert.Null(result.ClassifierReinitialised);
    }
}
