using ResNetService.Training.Engine;

namespace ResNetService.Training.Tests.Engine;

[Collection(TorchSeedCollection.Name)]
public sealed class EpochLimitTests : IDisposable
{
    private readonly TrainerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void ARunStoppedAtItsLimitGoesOnAlongTheSameLearningRateCurveWhenTheLimitRises()
    {
        var straight = new Trainer().Run(_fixture.Job("straight"), null, CancellationToken.None);

        var paused = new Trainer().Run(_fixture.Job("rungs") with { EpochLimit = 1 }, null, CancellationToken.None);
        var again = new Trainer().Run(_fixture.Job("rungs") with { EpochLimit = 1 }, null, CancellationToken.None);
        var promoted = new Trainer().Run(_fixture.Job("rungs") with { EpochLimit = 3 }, null, CancellationToken.None);
        var finished = new Trainer().Run(_fixture.Job("rungs") with { EpochLimit = 4 }, null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.ReachedEpochLimit, paused.Outcome);
        Assert.Null(paused.ModelPath);
        Assert.Equal([1], paused.History.Select(h => h.Epoch));
        // Run again at the same limit, it has nothing left to train.
        Assert.Equal(TrainingOutcome.ReachedEpochLimit, again.Outcome);
        Assert.Equal([1], again.History.Select(h => h.Epoch));
        Assert.Equal(TrainingOutcome.ReachedEpochLimit, promoted.Outcome);
        Assert.Equal([1, 2, 3], promoted.History.Select(h => h.Epoch));
        Assert.Equal(TrainingOutcome.Completed, finished.Outcome);
        Assert.NotNull(finished.ModelPath);
        // The schedule is over all four epochs from the start: the rates and the results match a run never stopped.
        Assert.Equal(straight.History.Select(h => h.LearningRate), finished.History.Select(h => h.LearningRate));
        Assert.Equal(straight.History.Select(h => h.TrainLoss), finished.History.Select(h => h.TrainLoss));
        Assert.Equal(straight.History.Select(h => h.ValidationAccuracy), finished.History.Select(h => h.ValidationAccuracy));
    }
}
