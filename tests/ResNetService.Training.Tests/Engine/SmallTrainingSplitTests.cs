using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Tests.Engine;

/// <summary>
/// Twenty images per class: the run trains on all of them, validates on them unaugmented and publishes its last epoch,
/// unless the validation fraction is raised enough to hold out a meaningful split.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public sealed class SmallTrainingSplitTests : IDisposable
{
    private readonly TrainerFixture _fixture = new(trainCount: 80, testCount: 40);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TwentyImagesPerClassAreAllTrainedOn()
    {
        var data = Prepare(_fixture.DatasetFolder, TrainerFixture.Options);

        Assert.False(data.Plan.HoldOut);
        Assert.Equal(80, data.Train.Count);
        Assert.Equal(80, data.Validation.Count);
    }

    [Fact]
    public void AFractionThatGivesFivePerClassAndFiftyInAllHoldsThemOut()
    {
        using var fixture = new TrainerFixture(trainCount: 400, testCount: 40);

        var data = Prepare(fixture.DatasetFolder, TrainerFixture.Options with { ValidationFraction = 0.125 });

        Assert.True(data.Plan.HoldOut);
        Assert.Equal(400, data.Train.Count + data.Validation.Count);
        Assert.InRange(data.Validation.Count, ValidationPlan.MinHeldOut, 60);
    }

    [Fact]
    public void TheModelIsTheLastEpochs()
    {
        var result = new Trainer().Run(_fixture.Job("last"), observer: null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(TrainerFixture.Options.Epochs, result.BestEpoch);
        Assert.Equal(result.History[^1].ValidationAccuracy, result.BestValidationAccuracy);
    }

    private static TrainingData Prepare(string folder, TrainingOptions options) =>
        TrainingData.Prepare(DatasetReader.Open(folder, DatasetReadOptions.Default), TrainerFixture.Model, options,
            DatasetReadOptions.Default, 1L << 30, normalization: null, CancellationToken.None);
}
