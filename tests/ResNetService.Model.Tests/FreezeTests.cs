using ResNetService.Model.Architecture;
using TorchSharp.Modules;

namespace ResNetService.Model.Tests;

public class FreezeTests
{
    private static readonly ResNetConfig Config = ResNetTestModels.Config(3, 16, 4, depth: 8);

    [Theory]
    [InlineData("none", 0)]
    [InlineData("stem", 1)]
    [InlineData("stage2", 3)]
    [InlineData("stage3", 4)]
    public void LevelsCountTheStemThenEachStage(string level, int parts) => Assert.Equal(parts, FreezeLevel.Parts(level, Config));

    [Theory]
    [InlineData("stage4", "last stage (stage3)")]
    [InlineData("classifier", "not none, stem or stage1 to stage3")]
    public void LevelsTheNetworkDoesNotHaveAreNamed(string level, string problem) => Assert.Contains(problem, FreezeLevel.Problem(level, Config));

    [Fact]
    public void FrozenPartsStopRequiringGradientsAndTheirNormsStayInEvalMode()
    {
        using var model = ResNetTestModels.Build(Config);

        model.Freeze(FreezeLevel.Parts("stage1", Config));
        model.train();

        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.requires_grad);
        Assert.False(parameters["bn_data.bias"]);
        Assert.False(parameters["conv0.weight"]);
        Assert.False(parameters["stage1.unit1.conv2.weight"]);
        Assert.True(parameters["stage2.unit1.conv1.weight"]);
        Assert.True(parameters["bn1.weight"]);
        Assert.True(parameters["fc1.weight"]);
        var norms = model.named_modules().Where(m => m.module is BatchNorm2d).ToDictionary(m => m.name, m => m.module.training);
        Assert.False(norms["bn_data"]);
        Assert.False(norms["stage1.unit1.bn2"]);
        Assert.True(norms["stage2.unit1.bn1"]);
        Assert.True(norms["bn1"]);
    }
}
