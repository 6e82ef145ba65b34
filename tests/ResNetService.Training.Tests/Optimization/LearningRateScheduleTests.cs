using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;

namespace ResNetService.Training.Tests.Optimization;

public class LearningRateScheduleTests
{
    private const int StepsPerEpoch = 10;

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(29, 0.1)]
    [InlineData(30, 0.01)]
    [InlineData(59, 0.01)]
    [InlineData(60, 0.001)]
    [InlineData(99, 0.001)]
    public void StepScheduleMultipliesByTheFactorAtEachListedEpoch(long step, double expected)
    {
        var schedule = new LearningRateSchedule(
            new TrainingOptions { Epochs = 10, LearningRate = 0.1, Schedule = LearningRateScheduleKind.Step, LearningRateStepEpochs = [3, 6], LearningRateFactor = 0.1 },
            StepsPerEpoch);

        Assert.Equal(expected, schedule.At(step), 12);
    }

    [Fact]
    public void StepScheduleWithoutEpochsStepsAtHalfAndThreeQuarters()
    {
        var schedule = new LearningRateSchedule(new TrainingOptions { Epochs = 8, LearningRate = 1, Schedule = LearningRateScheduleKind.Step }, StepsPerEpoch);

        Assert.Equal(1, schedule.At(39), 12);
        Assert.Equal(0.1, schedule.At(40), 12);
        Assert.Equal(0.01, schedule.At(60), 12);
    }

    [Fact]
    public void DefaultStepsOfAShortRunDoNotFallOnTheSameEpochTwice()
    {
        var schedule = new LearningRateSchedule(new TrainingOptions { Epochs = 2, LearningRate = 1, Schedule = LearningRateScheduleKind.Step }, StepsPerEpoch);

        Assert.Equal(1, schedule.At(9), 12);
        Assert.Equal(0.1, schedule.At(10), 12);
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(50, 0.1)]
    [InlineData(100, 0)]
    public void CosineScheduleFallsFromTheBaseRateToZero(long step, double expected)
    {
        var schedule = new LearningRateSchedule(new TrainingOptions { Epochs = 10, LearningRate = 0.2, Schedule = LearningRateScheduleKind.Cosine }, StepsPerEpoch);

        Assert.Equal(expected, schedule.At(step), 12);
    }

    [Fact]
    public void WarmupRisesLinearlyThenHandsOverToTheSchedule()
    {
        var schedule = new LearningRateSchedule(
            new TrainingOptions { Epochs = 12, LearningRate = 0.4, Schedule = LearningRateScheduleKind.Cosine, WarmupEpochs = 2 }, StepsPerEpoch);

        Assert.Equal(0.4 * 1 / 20, schedule.At(0), 12);
        Assert.Equal(0.4 * 10 / 20, schedule.At(9), 12);
        Assert.Equal(0.4, schedule.At(19), 12);
        Assert.Equal(0.4, schedule.At(20), 12);
        Assert.Equal(0.2, schedule.At(70), 12);
    }
}
