using ResNetService.Training.Optimization;

namespace ResNetService.Training.Tests.Optimization;

public class ClassWeightsTests
{
    [Fact]
    public void WeightsAreInverseToFrequencyAndOneWhenBalanced()
    {
        Assert.Equal([1f, 1f, 1f], ClassWeights.InverseFrequency([7, 7, 7]));

        var weights = ClassWeights.InverseFrequency([100, 10, 0]);

        Assert.Equal(10f, weights[1] / weights[0], 4);
        Assert.Equal(0f, weights[2]);
        Assert.Equal(110f, 100 * weights[0] + 10 * weights[1], 3);
    }
}
