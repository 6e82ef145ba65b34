using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Tests.Engine.Callbacks;

[Collection(TorchSeedCollection.Name)]
public sealed class ObserverReportTests : IDisposable
{
    private readonly CallbackRun _run = CallbackRun.Create();

    [Fact]
    public void ProgressIsReportedEveryFewBatchesAndAtTheEpochsLastOne()
    {
        var observer = new RecordingObserver();
        ITrainingCallback report = new ObserverReport(observer, everyBatches: 3);
        report.OnRunStart(_run.Run, new TrainerState());

        for (var step = 1; step <= _run.Run.StepsPerEpoch; step++)
        {
            var state = new TrainerState { StepInEpoch = step, GlobalStep = step, EpochSeen = 10 * step, EpochCorrect = 5 * step, EpochLossSum = 20 * step };
            report.OnBatchEnd(_run.Run, state, new BatchEnd(10, LearningRate: 0.01 * step, Seconds: 0.1));
        }

        Assert.Equal([3, 4], observer.Progress.Select(p => p.Step));
        var last = observer.Progress[^1];
        Assert.Equal((1, 3, 4), (last.Epoch, last.Epochs, last.StepsPerEpoch));
        Assert.Equal(2, last.Loss, 10);
        Assert.Equal(0.5, last.Accuracy, 10);
        Assert.Equal(0.04, last.LearningRate, 10);
    }

    [Fact]
    public void EachEpochsMetricsReachTheObserverAndLeaveTheStateAsItIs()
    {
        var observer = new RecordingObserver();
        ITrainingCallback report = new ObserverReport(observer, everyBatches: 1);
        var metrics = new EpochMetrics(1, 1, 0.5, 1, 0.5, null, 0.1, 1);
        var state = new TrainerState { BestEpoch = 1 };

        var after = report.OnValidationEnd(_run.Run, state, metrics);

        Assert.Same(state, after);
        Assert.Equal([metrics], observer.Epochs);
    }

    public void Dispose() => _run.Dispose();
}
