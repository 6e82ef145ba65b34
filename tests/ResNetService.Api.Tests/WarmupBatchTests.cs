using ResNetService.Api.Classification;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Tests;

public sealed class WarmupBatchTests
{
    [Theory]
    [InlineData(32, 64)]
    [InlineData(512, 4)]
    [InlineData(4096, 1)]
    public void LargeInputsAreWarmedUpAtTheBatchTheMemoryHolds(int side, int batch)
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1], Filters = [4, 4] }, new ImageShape(3, side, side), 2);

        Assert.Equal(batch, WarmupBatch.Size(config, maxBatchImages: 64, memoryBytes: 64L << 20));
    }
}
