using ResNetService.Model.Architecture;

namespace ResNetService.Model.Tests;

public class ResNetConfigResolverTests
{
    private static InvalidArchitectureException Refused(NetworkLayout layout, ImageShape input, int classes) =>
        Assert.Throws<InvalidArchitectureException>(() => ResNetConfigResolver.Resolve(layout, input, classes));

    [Fact]
    public void BottleneckDepthThatDoesNotExistListsTheNearestThatDo()
    {
        var error = Refused(new NetworkLayout { Depth = 30, Bottleneck = true }, new ImageShape(3, 32, 32), 10);

        var message = Assert.Single(error.Errors["depth"]);
        Assert.Contains("9n+2", message);
        Assert.Contains("29", message);
        Assert.Contains("38", message);
    }

    [Fact]
    public void SmallImageDepthThatFitsNeitherUnitTypeNamesBoth()
    {
        var message = Assert.Single(Refused(new NetworkLayout { Depth = 10 }, new ImageShape(1, 28, 28), 10).Errors["depth"]);

        Assert.Contains("6n+2", message);
        Assert.Contains("9n+2", message);
    }

    [Fact]
    public void LargeImageDepthWithoutPresetListsThePresets()
    {
        var message = Assert.Single(Refused(new NetworkLayout { Depth = 20 }, new ImageShape(3, 224, 224), 1000).Errors["depth"]);

        Assert.Contains("18, 34, 50, 101, 152, 200, 269", message);
    }

    [Fact]
    public void LargePresetWithTheOtherUnitTypeIsRefused()
    {
        Assert.Contains("bottleneck units", Assert.Single(Refused(new NetworkLayout { Depth = 50, Bottleneck = false }, new ImageShape(3, 224, 224), 1000).Errors["bottleneck"]));
    }

    [Fact]
    public void DepthsThatAreNotMultiplesOfSixPlusTwoFallBackToBottleneckWhenTheyFit()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 29 }, new ImageShape(3, 32, 32), 10);

        Assert.True(config.Bottleneck);
        Assert.Equal([3, 3, 3], config.Units);
    }

    [Fact]
    public void ExplicitLayoutAllowsAnyDepthAndWidth()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Bottleneck = true, Units = [1, 2], Filters = [32, 64, 128] }, new ImageShape(3, 96, 128), 4);

        Assert.Equal(2 + 3 * 3, config.Depth);
        Assert.Equal(2, config.Stages);
        Assert.False(config.SmallImageStem);
    }

    [Fact]
    public void ExplicitLayoutErrorsAreReportedPerField()
    {
        var errors = Refused(new NetworkLayout { Depth = 99, Bottleneck = true, Units = [2, 0], Filters = [16, 30] }, new ImageShape(0, 28, 28), 1).Errors;

        Assert.Contains("inputChannels", errors.Keys);
        Assert.Contains("classes", errors.Keys);
        Assert.Contains(errors["units"], m => m.Contains("at least one unit"));
        Assert.Contains(errors["filters"], m => m.Contains("3 for 2 stages"));
        Assert.Contains(errors["filters"], m => m.Contains("multiple of 4"));
    }

    [Fact]
    public void ExplicitDepthMustAgreeWithTheUnits()
    {
        var message = Assert.Single(Refused(new NetworkLayout { Depth = 20, Units = [2, 2], Filters = [16, 16, 32] }, new ImageShape(3, 32, 32), 10).Errors["depth"]);

        Assert.Contains("depth of 10", message);
    }

    [Fact]
    public void UnitsWithoutFiltersAreRefused()
    {
        Assert.Contains("together", Assert.Single(Refused(new NetworkLayout { Units = [2, 2] }, new ImageShape(3, 32, 32), 10).Errors["filters"]));
    }

    [Fact]
    public void NeitherDepthNorUnitsIsRefused()
    {
        Assert.Single(Refused(new NetworkLayout(), new ImageShape(3, 32, 32), 10).Errors["depth"]);
    }

    [Fact]
    public void NetworksNoWorkerCouldHoldAreRefusedBeforeAnythingIsBuilt()
    {
        Assert.Contains("At most 1000 units", Assert.Single(Refused(new NetworkLayout { Units = [5_000_000], Filters = [16, 16] }, new ImageShape(3, 32, 32), 10).Errors["units"]));
        Assert.Contains("At most 1000 units", Assert.Single(Refused(new NetworkLayout { Depth = 20, Units = [int.MaxValue, int.MaxValue], Filters = [16, 16, 32] }, new ImageShape(3, 32, 32), 10).Errors["units"]));
        Assert.Contains("between 1 and 8192", Assert.Single(Refused(new NetworkLayout { Units = [1], Filters = [16, 100_000] }, new ImageShape(3, 32, 32), 10).Errors["filters"]));
        Assert.Contains("parameters", Assert.Single(Refused(new NetworkLayout { Units = [100], Filters = [16, 8192] }, new ImageShape(3, 32, 32), 10).Errors["filters"]));
        Assert.Contains("beyond the largest", Assert.Single(Refused(new NetworkLayout { Depth = 2_000_000_000 }, new ImageShape(3, 32, 32), 10).Errors["depth"]));
    }
}
