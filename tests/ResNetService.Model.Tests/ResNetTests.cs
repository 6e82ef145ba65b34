using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Model.Tests;

public class ResNetTests
{
    [Theory]
    [InlineData(1, 28, 10, 8, false)]
    [InlineData(3, 32, 10, 11, true)]
    [InlineData(3, 64, 7, 18, false)]
    [InlineData(3, 64, 5, 50, true)]
    public void ForwardGivesOneLogitPerClass(int channels, int side, int classes, int depth, bool bottleneck)
    {
        using var scope = NewDisposeScope();
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(channels, side, classes, depth, bottleneck));

        var logits = model.forward(randn(2, channels, side, side));

        Assert.Equal([2L, classes], logits.shape);
        Assert.Equal(bottleneck, model.Config.Bottleneck);
    }

    [Fact]
    public void ParameterCountsOfTheModuleMatchTheSummary()
    {
        var config = ResNetTestModels.Config(3, 64, 10, 50);
        using var model = ResNetTestModels.Build(config);
        var summary = ArchitectureSummary.Of(config);

        var parameters = model.parameters().ToList();
        Assert.Equal(summary.Parameters, parameters.Sum(p => p.numel()));
        Assert.Equal(summary.TrainableParameters, parameters.Where(p => p.requires_grad).Sum(p => p.numel()));
        var running = model.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var"));
        Assert.Equal(summary.RunningStatistics, running.Sum(b => b.buffer.numel()));
    }

    [Fact]
    public void StateDictNamesAreStableAndReadable()
    {
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(3, 64, 10, 50));
        var names = model.state_dict().Keys.ToHashSet();

        Assert.Contains("bn_data.weight", names);
        Assert.Contains("bn_data.bias", names);
        Assert.Contains("conv0.weight", names);
        Assert.Contains("bn0.running_mean", names);
        Assert.Contains("stage1.unit1.sc.weight", names);
        Assert.Contains("stage2.unit1.conv1.weight", names);
        Assert.Contains("stage4.unit3.conv3.weight", names);
        Assert.Contains("bn1.running_var", names);
        Assert.Contains("fc1.weight", names);
        Assert.Contains("fc1.bias", names);
        Assert.DoesNotContain("stage1.unit2.sc.weight", names);
        Assert.DoesNotContain(names, n => n.StartsWith("stage4.unit4"));
    }

    [Fact]
    public void BottleneckUnitNeedsSeventeenTimesFewerWeightsThanTwoFullConvolutions()
    {
        // The seed's comparison for one 256-channel unit, convolution weights only.
        static long ConvWeights(bool bottleneck)
        {
            using var unit = new ResidualUnit(new UnitPlan(1, 2, 256, 256, 1, DimMatch: true, bottleneck));
            return unit.named_parameters().Where(p => p.name.StartsWith("conv")).Sum(p => p.parameter.numel());
        }

        var bottleneck = ConvWeights(true);
        var basic = ConvWeights(false);

        Assert.Equal(1 * 1 * 256 * 64 + 3 * 3 * 64 * 64 + 1 * 1 * 64 * 256, bottleneck);
        Assert.Equal(69_632, bottleneck);
        Assert.Equal(1_179_648, basic);
        Assert.Equal(16.94, Math.Round((double)basic / bottleneck, 2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DimMatchedUnitWithZeroLastConvolutionReturnsItsInputExactly(bool bottleneck)
    {
        using var scope = NewDisposeScope();
        using var unit = new ResidualUnit(new UnitPlan(1, 2, 16, 16, 1, DimMatch: true, bottleneck));
        using (no_grad())
            unit.named_parameters().Single(p => p.name == (bottleneck ? "conv3.weight" : "conv2.weight")).parameter.zero_();
        unit.eval();
        var input = randn(2, 16, 8, 8);

        var output = unit.forward(input);

        Assert.True(output.eq(input).all().item<bool>());
    }

    [Fact]
    public void ProjectionUnitAppliesItsShortcutToTheActivationNotTheRawInput()
    {
        using var scope = NewDisposeScope();
        using var unit = new ResidualUnit(new UnitPlan(2, 1, 4, 8, 2, DimMatch: false, Bottleneck: false));
        using (no_grad())
            unit.named_parameters().Single(p => p.name == "conv2.weight").parameter.zero_();
        unit.eval();
        var input = randn(1, 4, 6, 6);
        var sc = unit.named_parameters().Single(p => p.name == "sc.weight").parameter;
        var bnScale = 1 / Math.Sqrt(1 + 2e-5);

        var expected = nn.functional.conv2d(nn.functional.relu(input * bnScale), sc, strides: [2]);

        Assert.True(unit.forward(input).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void GradientsReachTheInputNormalisationShiftAndTheStemButNotTheFixedScale()
    {
        using var scope = NewDisposeScope();
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(3, 32, 4, 8));
        var loss = nn.functional.cross_entropy(model.forward(randn(4, 3, 32, 32)), tensor(new long[] { 0, 1, 2, 3 }));

        loss.backward();

        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.True(parameters["bn_data.bias"].grad!.abs().sum().item<float>() > 0);
        Assert.True(parameters["conv0.weight"].grad!.abs().sum().item<float>() > 0);
        Assert.False(parameters["bn_data.weight"].requires_grad);
        Assert.Null(parameters["bn_data.weight"].grad);
    }

    [Fact]
    public void EvalModeForwardIsDeterministic()
    {
        using var scope = NewDisposeScope();
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(3, 32, 10, 20));
        model.eval();
        var input = randn(3, 3, 32, 32);

        using var _ = no_grad();
        Assert.True(model.forward(input).eq(model.forward(input)).all().item<bool>());
    }

    [Fact]
    public void InitialisationFollowsMxnetXavierWithMagnitudeTwoOverFanIn()
    {
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(3, 224, 1000, 50));
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        // stage2.unit1.conv2: 3x3, 128 -> 128 (a quarter of 512), fan-in 1152, 147,456 samples.
        var conv = parameters["stage2.unit1.conv2.weight"];
        Assert.InRange(conv.std().item<float>() / Math.Sqrt(2.0 / 1152), 0.98, 1.02);
        Assert.Equal(0, conv.mean().item<float>(), 3);
        var fc = parameters["fc1.weight"];
        Assert.InRange(fc.std().item<float>() / Math.Sqrt(2.0 / 2048), 0.98, 1.02);
        Assert.Equal(0, parameters["fc1.bias"].abs().sum().item<float>());
        Assert.True(parameters["stage2.unit1.bn2.weight"].eq(1).all().item<bool>());
        Assert.Equal(0, parameters["stage2.unit1.bn2.bias"].abs().sum().item<float>());
    }

    [Fact]
    public void BatchNormsUseMxnetEpsilonAndMomentum()
    {
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(1, 28, 10, 8));
        var norms = model.modules().OfType<TorchSharp.Modules.BatchNorm2d>().ToList();

        Assert.NotEmpty(norms);
        Assert.All(norms, bn => Assert.Equal(2e-5, bn.eps, 12));
        Assert.All(norms, bn => Assert.Equal(0.1, bn.momentum!.Value, 12));
    }

    [Fact]
    public void LiveTensorsReturnToBaselineAfterFiftyTrainingSteps()
    {
        using var model = ResNetTestModels.Build(ResNetTestModels.Config(1, 16, 3, 8));
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var data = randn(8, 1, 16, 16);
        using var labels = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 });
        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(data), labels).backward();
            optimizer.step();
        }
        Step();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 50; i++)
            Step();

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
