using ResNetService.Training.Pipeline;

namespace ResNetService.Training.Tests.Pipeline;

public class ClassBalancedOrderTests
{
    /// <summary>Ten samples of class 0 for each one of class 1: samples 0..99 and 100..109.</summary>
    private static readonly int[][] TenToOne = [Enumerable.Range(0, 100).ToArray(), Enumerable.Range(100, 10).ToArray(), []];

    private static int[] Epoch(int seed, int epoch)
    {
        var order = EpochOrder.ClassBalanced(TenToOne, 110, 10, seed, epoch);
        return Enumerable.Range(0, order.Batches).SelectMany(b => order.Batch(b).ToArray()).ToArray();
    }

    [Fact]
    public void EachClassPresentIsDrawnAboutEquallyOften()
    {
        var drawn = Enumerable.Range(1, 20).SelectMany(epoch => Epoch(seed: 4, epoch)).ToArray();

        var minority = drawn.Count(i => i >= 100);
        Assert.Equal(20 * 110, drawn.Length);
        Assert.InRange((double)minority / drawn.Length, 0.45, 0.55);
        Assert.All(drawn, i => Assert.InRange(i, 0, 109));
    }

    [Fact]
    public void TheOrderIsAFunctionOfSeedAndEpoch()
    {
        Assert.Equal(Epoch(seed: 4, epoch: 3), Epoch(seed: 4, epoch: 3));
        Assert.NotEqual(Epoch(seed: 4, epoch: 3), Epoch(seed: 4, epoch: 4));
        Assert.NotEqual(Epoch(seed: 4, epoch: 3), Epoch(seed: 5, epoch: 3));
    }
}
