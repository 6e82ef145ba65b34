using System.ComponentModel.DataAnnotations;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Tests.Engine;

public class TrainingOptionsTests
{
    private static string[] Invalid(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.SelectMany(r => r.MemberNames).ToArray();
    }

    [Fact]
    public void DefaultsAreValid()
    {
        Assert.Empty(Invalid(new TrainingOptions()));
    }

    [Fact]
    public void CombinationsTheTrainerCannotRunAreRefused()
    {
        Assert.Equal([nameof(TrainingOptions.LearningRateStepEpochs)], Invalid(new TrainingOptions { Epochs = 10, LearningRateStepEpochs = [0, 5] }));
        Assert.Equal([nameof(TrainingOptions.LearningRateStepEpochs)], Invalid(new TrainingOptions { Epochs = 10, LearningRateStepEpochs = [11] }));
        Assert.Equal([nameof(TrainingOptions.Nesterov)], Invalid(new TrainingOptions { Nesterov = true, Momentum = 0 }));
    }

    [Fact]
    public void DevicesThatDoNotExistAreRefused()
    {
        Assert.Empty(Invalid(new TrainerSettings()));
        Assert.Equal([nameof(TrainerSettings.Device)], Invalid(new TrainerSettings { Device = "tpu:0" }));
        Assert.Empty(Invalid(new TrainerSettings { Device = "CUDA:1" }));
    }

    [Theory]
    [InlineData("none", true)]
    [InlineData("stem", true)]
    [InlineData("stage1", true)]
    [InlineData("stage12", true)]
    [InlineData("stage0", false)]
    [InlineData("Stage1", false)]
    [InlineData("head", false)]
    [InlineData("", false)]
    public void FreezeNamesNoneStemOrAStage(string freeze, bool valid)
    {
        Assert.Equal(valid ? [] : [nameof(TrainingOptions.Freeze)], Invalid(new TrainingOptions { Freeze = freeze }));
    }

    [Fact]
    public void HeadLearningRateMultiplierAndClassBalanceAreChecked()
    {
        Assert.Equal([nameof(TrainingOptions.HeadLearningRateMultiplier)], Invalid(new TrainingOptions { HeadLearningRateMultiplier = 0 }));
        Assert.Equal([nameof(TrainingOptions.ClassBalance)], Invalid(new TrainingOptions { ClassBalance = (ClassBalance)7 }));
        Assert.Empty(Invalid(new TrainingOptions { HeadLearningRateMultiplier = 10, ClassBalance = ClassBalance.Sampler }));
    }
}
