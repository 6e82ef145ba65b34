using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Tests.Engine.Callbacks;

[Collection(TorchSeedCollection.Name)]
public sealed class CheckpointCallbackTests : IDisposable
{
    private readonly CallbackRun _run = CallbackRun.Create();

    private static EpochMetrics Epoch(int epoch) => new(epoch, 1, 0.5, 1, 0.5, null, 0.1, 1);

    private static readonly BatchEnd Batch = new(Images: 32, LearningRate: 0.1, Seconds: 0.01);

    private ResumeCheckpoints Checkpoints(double everyMinutes, Func<bool>? mayWrite = null) =>
        new(_run.Checkpoints, everyMinutes, mayWrite ?? (() => true), NullLogger.Instance);

    [Fact]
    public void AnEpochsEndIsCheckpointedWithTheStateARunResumesFrom()
    {
        ITrainingCallback callback = Checkpoints(everyMinutes: 0);
        var state = new TrainerState { Epoch = 2, GlobalStep = 4, BestEpoch = 1, BestValidationAccuracy = 0.5, History = [Epoch(1)] };

        callback.OnRunStart(_run.Run, new TrainerState());
        callback.OnEpochEnd(_run.Run, state);

        var resume = _run.Checkpoints.Latest(e => throw e);
        Assert.NotNull(resume);
        resume.Checkpoint.Model.Dispose();
        Assert.Equal(state.GlobalStep, resume.State.GlobalStep);
        Assert.Equal(state.Epoch, resume.State.Epoch);
        Assert.Equal(state.History, resume.State.History);
    }

    [Fact]
    public void InsideAnEpochOnlyTheIntervalCheckpoints()
    {
        ITrainingCallback never = Checkpoints(everyMinutes: 0);
        never.OnRunStart(_run.Run, new TrainerState());
        never.OnBatchEnd(_run.Run, new TrainerState { StepInEpoch = 1, GlobalStep = 1 }, Batch);
        Assert.Empty(_run.TrainingFiles());

        ITrainingCallback always = Checkpoints(everyMinutes: 1e-9);
        always.OnRunStart(_run.Run, new TrainerState());
        always.OnBatchEnd(_run.Run, new TrainerState { StepInEpoch = 1, GlobalStep = 1 }, Batch);
        // The epoch's last batch waits for the checkpoint after validation.
        always.OnBatchEnd(_run.Run, new TrainerState { StepInEpoch = _run.Run.StepsPerEpoch, GlobalStep = 4 }, Batch);

        Assert.Single(_run.TrainingFiles());
    }

    [Fact]
    public void ACancelledRunIsCheckpointedWhereItStopped()
    {
        ITrainingCallback callback = Checkpoints(everyMinutes: 0);

        callback.OnCancelled(_run.Run, new TrainerState { Epoch = 1, StepInEpoch = 3, GlobalStep = 3 });

        Assert.EndsWith("train-0000000003.ckpt", Assert.Single(_run.TrainingFiles()));
    }

    [Fact]
    public void NothingIsWrittenOnceTheRunIsNoLongerThisTrainers()
    {
        var mayWrite = false;
        ITrainingCallback checkpoints = Checkpoints(everyMinutes: 1e-9, () => mayWrite);
        ITrainingCallback best = new BestWeights(_run.Checkpoints, () => mayWrite);
        var state = new TrainerState { StepInEpoch = 1, GlobalStep = 1, BestEpoch = 1 };

        checkpoints.OnRunStart(_run.Run, state);
        checkpoints.OnBatchEnd(_run.Run, state, Batch);
        best.OnValidationEnd(_run.Run, state, Epoch(1));
        checkpoints.OnEpochEnd(_run.Run, state with { Epoch = 2, StepInEpoch = 0 });
        checkpoints.OnCancelled(_run.Run, state);

        Assert.Empty(Directory.EnumerateFiles(_run.Folder));
    }

    [Fact]
    public void OnlyTheBestEpochsWeightsAreKept()
    {
        ITrainingCallback best = new BestWeights(_run.Checkpoints, () => true);

        best.OnValidationEnd(_run.Run, new TrainerState { BestEpoch = 1 }, Epoch(2));
        Assert.False(File.Exists(_run.Checkpoints.BestPath));

        best.OnValidationEnd(_run.Run, new TrainerState { BestEpoch = 2 }, Epoch(2));
        Assert.True(File.Exists(_run.Checkpoints.BestPath));
    }

    public void Dispose() => _run.Dispose();
}
