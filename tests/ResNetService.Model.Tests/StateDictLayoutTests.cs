using ResNetService.Model.Architecture;

namespace ResNetService.Model.Tests;

public sealed class StateDictLayoutTests
{
    [Theory]
    [InlineData(3, 32, 10, 20, null)]
    [InlineData(1, 28, 4, 29, true)]
    [InlineData(3, 64, 5, 18, null)]
    [InlineData(3, 64, 5, 50, null)]
    public void TheLayoutIsTheStateDictOfTheNetworkItDescribes(int channels, int side, int classes, int depth, bool? bottleneck)
    {
        var config = ResNetTestModels.Config(channels, side, classes, depth, bottleneck);
        using var network = ResNetTestModels.Build(config);

        var layout = StateDictLayout.Of(config);

        var actual = network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal(actual.Keys.Order(), layout.Keys.Order());
        Assert.All(actual, p => Assert.Equal(p.Value, layout[p.Key]));
    }
}
