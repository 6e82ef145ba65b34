using ResNetService.Model.Architecture;

namespace ResNetService.Model.Tests;

public class ResNetConfigResolverTests
{
    private static InvalidArchitectureException Refused(ResNetSpec spec) =>
        Assert.Throws<InvalidArchitectureException>(() => ResNetConfigResolver.Resolve(spec));

    [Fact]
    public void BottleneckDepthThatDoesNotExistListsTheNearestThatDo()
    {
        var error = Refused(new ResNetSpec(3, 32, 32, 10, Depth: 30, Bottleneck: true));

        var message = Assert.Single(error.Errors["depth"]);
        Assert.Contains("9n+2", message);
        Assert.Contains("29", message);
        Assert.Contains("38", message);
    }

    [Fact]
    public void SmallImageDepthThatFitsNeitherUnitTypeNamesBoth()
    {
        var message = Assert.Single(Refused(new ResNetSpec(1, 28, 28, 10, Depth: 10)).Errors["depth"]);

        Assert.Contains("6n+2", message);
        Assert.Contains("9n+2", message);
    }

    [Fact]
    public void LargeImageDepthWithoutPresetListsThePresets()
    {
        var message = Assert.Single(Refused(new ResNetSpec(3, 224, 224, 1000, Depth: 20)).Errors["depth"]);

        Assert.Contains("18, 34, 50, 101, 152, 200, 269", message);
    }

    [Fact]
    public void LargePresetWithTheOtherUnitTypeIsRefused()
    {
        Assert.Contains("bottleneck units", Assert.Single(Refused(new ResNetSpec(3, 224, 224, 1000, Depth: 50, Bottleneck: false)).Errors["bottleneck"]));
    }

    [Fact]
    public void DepthsThatAreNotMultiplesOfSixPlusTwoFallBackToBottleneckWhenTheyFit()
    {
        var config = ResNetConfigResolver.Resolve(new ResNetSpec(3, 32, 32, 10, Depth: 29));

        Assert.True(config.Bottleneck);
        Assert.Equal([3, 3, 3], config.Units);
    }

    [Fact]
    public void ExplicitLayoutAllowsAnyDepthAndWidth()
    {
        var config = ResNetConfigResolver.Resolve(new ResNetSpec(3, 96, 128, 4, Bottleneck: true, Units: [1, 2], Filters: [32, 64, 128]));

        Assert.Equal(2 + 3 * 3, config.Depth);
        Assert.Equal(2, config.Stages);
        Assert.False(config.SmallImageStem);
    }

    [Fact]
    public void ExplicitLayoutErrorsAreReportedPerField()
    {
        var errors = Refused(new ResNetSpec(0, 28, 28, 1, Depth: 99, Bottleneck: true, Units: [2, 0], Filters: [16, 30])).Errors;

        Assert.Contains("inputChannels", errors.Keys);
        Assert.Contains("classes", errors.Keys);
        Assert.Contains(errors["units"], m => m.Contains("at least one unit"));
        Assert.Contains(errors["filters"], m => m.Contains("3 for 2 stages"));
        Assert.Contains(errors["filters"], m => m.Contains("multiple of 4"));
    }

    [Fact]
    public void ExplicitDepthMustAgreeWithTheUnits()
    {
        var message = Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Depth: 20, Units: [2, 2], Filters: [16, 16, 32])).Errors["depth"]);

        Assert.Contains("depth of 10", message);
    }

    [Fact]
    public void UnitsWithoutFiltersAreRefused()
    {
        Assert.Contains("together", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Units: [2, 2])).Errors["filters"]));
    }

    [Fact]
    public void NeitherDepthNorUnitsIsRefused()
    {
        Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10)).Errors["depth"]);
    }

    [Fact]
    public void NetworksNoWorkerCouldHoldAreRefusedBeforeAnythingIsBuilt()
    {
        Assert.Contains("At most 1000 units", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Units: [5_000_000], Filters: [16, 16])).Errors["units"]));
        Assert.Contains("At most 1000 units", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Depth: 20, Units: [int.MaxValue, int.MaxValue], Filters: [16, 16, 32])).Errors["units"]));
        Assert.Contains("between 1 and 8192", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Units: [1], Filters: [16, 100_000])).Errors["filters"]));
        Assert.Contains("parameters", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Units: [100], Filters: [16, 8192])).Errors["filters"]));
        Assert.Contains("beyond the largest", Assert.Single(Refused(new ResNetSpec(3, 32, 32, 10, Depth: 2_000_000_000)).Errors["depth"]));
    }
}
