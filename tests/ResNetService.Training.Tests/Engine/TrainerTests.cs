using ResNetService.Model.Checkpoints;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine;
using TorchSharp;

namespace ResNetService.Training.Tests.Engine;

[Collection(TorchSeedCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly TrainerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void LearnsTheSyntheticTaskAndReportsOnTheTestSplit()
    {
        var observer = new RecordingObserver();

        var result = new Trainer().Run(_fixture.Job("learn"), observer, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.BestValidationAccuracy > 0.9, $"validation accuracy {result.BestValidationAccuracy}");
        Assert.NotNull(result.Test);
        Assert.Equal("test", result.Test.Split);
        Assert.True(result.Test.Accuracy > 0.9, $"test accuracy {result.Test.Accuracy}");
        Assert.Equal(120, result.Test.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(4, result.History.Count);
        Assert.Equal([1, 2, 3, 4], observer.Epochs.Select(e => e.Epoch));
        Assert.All(observer.Progress, p => Assert.InRange(p.Percent, 0, 100));
        Assert.True(File.Exists(result.ModelPath));
        using var model = ModelCheckpoint.Load(result.ModelPath!).Model;
        Assert.Equal(["0", "1", "2", "3"], ModelCheckpoint.Load(result.ModelPath!).Description.Classes);
    }

    public enum Interruption
    {
        AfterAnEpoch,
        MidEpoch,
        BeforeValidation,
    }

    [Theory]
    [InlineData(Interruption.AfterAnEpoch)]
    [InlineData(Interruption.MidEpoch)]
    [InlineData(Interruption.BeforeValidation)]
    public void ResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(Interruption interruption)
    {
        var uninterrupted = new Trainer().Run(_fixture.Job("straight"), null, CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        var interrupting = interruption switch
        {
            Interruption.AfterAnEpoch => new RecordingObserver(onEpoch: m => { if (m.Epoch == 1) cancel.Cancel(); }),
            Interruption.MidEpoch => new RecordingObserver(onProgress: p => { if (p.Epoch == 2 && p.Step == 5) cancel.Cancel(); }),
            _ => new RecordingObserver(onProgress: p => { if (p.Epoch == 1 && p.Step == p.StepsPerEpoch) cancel.Cancel(); }),
        };
        var first = new Trainer().Run(_fixture.Job("resumed"), interrupting, cancel.Token);
        var resumed = new Trainer().Run(_fixture.Job("resumed"), null, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Cancelled, first.Outcome);
        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal(uninterrupted.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
        Assert.Equal(uninterrupted.History.Select(h => h.ValidationAccuracy), resumed.History.Select(h => h.ValidationAccuracy));
        using var expected = ModelCheckpoint.Load(uninterrupted.ModelPath!).Model;
        using var actual = ModelCheckpoint.Load(resumed.ModelPath!).Model;
        var actualState = actual.state_dict();
        Assert.All(expected.state_dict(), p => Assert.True(p.Value.eq(actualState[p.Key]).all().item<bool>(), p.Key));
    }

    [Fact]
    public void DamagedNewestCheckpointIsPassedOverForTheOneBefore()
    {
        var uninterrupted = new Trainer().Run(_fixture.Job("straight"), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        new Trainer().Run(_fixture.Job("damaged"), new RecordingObserver(onProgress: p => { if (p.Epoch == 2 && p.Step == 5) cancel.Cancel(); }), cancel.Token);
        var newest = Directory.GetFiles(Path.Combine(_fixture.Root, "damaged", "checkpoints"), "train-*.ckpt").Max()!;
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..1000]);

        var resumed = new Trainer().Run(_fixture.Job("damaged"), null, CancellationToken.None);

        Assert.Equal(uninterrupted.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void ResumingWithOtherOptionsIsRefusedRatherThanMixed()
    {
        using var cancel = new CancellationTokenSource();
        new Trainer().Run(_fixture.Job("changed"), new RecordingObserver(onEpoch: _ => cancel.Cancel()), cancel.Token);

        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer().Run(_fixture.Job("changed", TrainerFixture.Options with { LearningRate = 0.01 }), null, CancellationToken.None));

        Assert.Contains("other training options", error.Message);
    }

    [Fact]
    public void ARunResumedWithAnotherBatchSizeStartsItsEpochOverAndFinishes()
    {
        using var cancel = new CancellationTokenSource();
        var first = new RecordingObserver(onProgress: p => { if (p.Epoch == 2 && p.Step == 3) cancel.Cancel(); });
        new Trainer().Run(_fixture.Job("smaller"), first, cancel.Token);

        var observer = new RecordingObserver();
        var resumed = new Trainer().Run(_fixture.Job("smaller", TrainerFixture.Options with { BatchSize = 16 }), observer, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal((2, 1), (observer.Progress[0].Epoch, observer.Progress[0].Step));
        Assert.True(observer.Progress[0].StepsPerEpoch > first.Progress[0].StepsPerEpoch);
        Assert.Equal([1, 2, 3, 4], resumed.History.Select(h => h.Epoch));
    }

    [Fact]
    public void CancellationStopsWithinOneBatchAndLeavesACheckpoint()
    {
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(onProgress: p => { if (p.Step == 2) cancel.Cancel(); });

        var result = new Trainer().Run(_fixture.Job("cancel"), observer, cancel.Token);

        Assert.Equal(TrainingOutcome.Cancelled, result.Outcome);
        Assert.Null(result.ModelPath);
        Assert.Equal(2, observer.Progress[^1].Step);
        var checkpoint = Assert.Single(Directory.GetFiles(Path.Combine(_fixture.Root, "cancel", "checkpoints"), "train-*.ckpt"));
        Assert.EndsWith("train-0000000002.ckpt", checkpoint);
    }

    [Fact]
    public void ATrainerThatMayNoLongerWriteWritesNoCheckpointAndNoModel()
    {
        var holds = true;
        var observer = new RecordingObserver(onEpoch: m => { if (m.Epoch == 1) holds = false; }, mayWrite: () => holds);

        Assert.Throws<OperationCanceledException>(() => new Trainer().Run(_fixture.Job("lost"), observer, CancellationToken.None));

        var folder = Path.Combine(_fixture.Root, "lost");
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, Trainer.CheckpointsFolder), "train-*.ckpt"));
        Assert.False(File.Exists(Path.Combine(folder, Trainer.ModelFileName)));
        // Only what was written while it held the run: the best weights of epoch 1, saved before the epoch was reported.
        Assert.Equal([TrainingCheckpoints.BestFileName], Directory.GetFiles(Path.Combine(folder, Trainer.CheckpointsFolder)).Select(Path.GetFileName));
    }

    [Fact]
    public void LiveTensorsReturnToTheirBaselineAfterEveryEpoch()
    {
        var live = new List<long>();
        var observer = new RecordingObserver(onEpoch: _ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));

        new Trainer().Run(_fixture.Job("leaks"), observer, CancellationToken.None);

        Assert.Equal(4, live.Count);
        Assert.All(live, count => Assert.Equal(live[0], count));
    }
}
