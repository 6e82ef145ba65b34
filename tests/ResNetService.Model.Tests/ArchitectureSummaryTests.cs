using ResNetService.Model.Architecture;

namespace ResNetService.Model.Tests;

public class ArchitectureSummaryTests
{
    [Theory]
    [InlineData(18, 3, 224, 1000, 11_691_947L, 1_826_918_400L)]
    [InlineData(34, 3, 224, 1000, 21_800_107L, 3_676_606_464L)]
    [InlineData(50, 3, 224, 1000, 25_549_483L, 4_089_184_256L)]
    [InlineData(101, 3, 224, 1000, 44_541_611L, 7_801_405_440L)]
    [InlineData(152, 3, 224, 1000, 60_185_259L, 11_513_626_624L)]
    [InlineData(20, 3, 28, 10, 272_541L, 31_448_448L)]
    [InlineData(56, 3, 28, 10, 855_837L, 96_476_544L)]
    [InlineData(110, 3, 28, 10, 1_730_781L, 194_018_688L)]
    [InlineData(164, 3, 28, 10, 1_703_261L, 189_605_120L)]
    [InlineData(20, 1, 28, 10, 272_251L, 31_222_656L)]
    [InlineData(164, 1, 28, 10, 1_702_971L, 189_379_328L)]
    public void PresetsReproduceTheReferenceFigures(int depth, int channels, int side, int classes, long trainable, long multiplyAdds)
    {
        var summary = ArchitectureSummary.Of(ResNetConfigResolver.Resolve(new NetworkLayout { Depth = depth }, new ImageShape(channels, side, side), classes));

        Assert.Equal(trainable, summary.TrainableParameters);
        Assert.Equal(multiplyAdds, summary.MultiplyAdds);
        Assert.Equal(depth, summary.Depth);
        Assert.Equal(trainable + channels, summary.Parameters);
    }

    [Fact]
    public void Depth164OnSmallImagesUsesBottleneckUnitsAsMxnetDoes()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 164 }, new ImageShape(3, 32, 32), 10);

        Assert.True(config.Bottleneck);
        Assert.Equal([18, 18, 18], config.Units);
        Assert.Equal([16, 64, 128, 256], config.Filters);
    }

    [Fact]
    public void OutputShapesFollowTheStemAndTheStageStrides()
    {
        var summary = ArchitectureSummary.Of(ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 50 }, new ImageShape(3, 224, 224), 1000));
        var shapes = summary.Layers.ToDictionary(l => l.Name, l => l.OutputShape.ToArray());

        Assert.Equal([64, 112, 112], shapes["conv0"]);
        Assert.Equal([64, 56, 56], shapes["pool0"]);
        Assert.Equal([256, 56, 56], shapes["stage1.unit1"]);
        Assert.Equal([512, 28, 28], shapes["stage2.unit1"]);
        Assert.Equal([2048, 7, 7], shapes["stage4.unit3"]);
        Assert.Equal([1000], shapes["fc1"]);
    }

    [Fact]
    public void RunningStatisticsCountMeanAndVarianceOfEveryBatchNorm()
    {
        var summary = ArchitectureSummary.Of(ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(1, 28, 28), 10));

        // bn_data 1, one basic unit per stage: (16+16) + (16+32) + (32+64), bn1 64 channels.
        Assert.Equal(2 * (1 + 32 + 48 + 96 + 64), summary.RunningStatistics);
    }
}
