using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Tests.Engine.Callbacks;

[Collection(TorchSeedCollection.Name)]
public class EarlyStoppingTests
{
    private static EpochMetrics Epoch(int epoch, double accuracy) => new(epoch, 1, 0.5, 1, accuracy, null, 0.1, 1);

    [Fact]
    public void StopsOncePatienceEpochsPassWithoutImprovement()
    {
        var state = new TrainerState();
        state = EarlyStopping.AfterEpoch(state, Epoch(1, 0.5), patience: 2);
        state = EarlyStopping.AfterEpoch(state, Epoch(2, 0.7), patience: 2);
        state = EarlyStopping.AfterEpoch(state, Epoch(3, 0.7), patience: 2);
        Assert.False(state.StoppedEarly);

        state = EarlyStopping.AfterEpoch(state, Epoch(4, 0.6), patience: 2);

        Assert.True(state.StoppedEarly);
        Assert.Equal(2, state.BestEpoch);
        Assert.Equal(0.7, state.BestValidationAccuracy);
    }

    [Fact]
    public void NeverStopsWithoutPatience()
    {
        var state = new TrainerState();
        for (var epoch = 1; epoch <= 20; epoch++)
            state = EarlyStopping.AfterEpoch(state, Epoch(epoch, 0.1), patience: null);

        Assert.False(state.StoppedEarly);
        Assert.Equal(1, state.BestEpoch);
    }

    [Fact]
    public void WithoutBestEpochSelectionTheLastEpochIsTheModelsAndTheRunNeverStopsEarly()
    {
        var state = new TrainerState();
        foreach (var (epoch, accuracy) in new[] { (1, 0.5), (2, 0.9), (3, 0.4) })
            state = EarlyStopping.AfterEpoch(state, Epoch(epoch, accuracy), patience: 1, selectsBestEpoch: false);

        Assert.Equal(3, state.BestEpoch);
        Assert.Equal(0.4, state.BestValidationAccuracy);
        Assert.False(state.StoppedEarly);
    }

    [Fact]
    public void AsACallbackItKeepsTheBestEpochInTheStateItReturns()
    {
        using var run = CallbackRun.Create();
        ITrainingCallback callback = new EarlyStopping(patience: 1);

        var state = callback.OnValidationEnd(run.Run, new TrainerState(), Epoch(1, 0.4));
        state = callback.OnValidationEnd(run.Run, state, Epoch(2, 0.3));

        Assert.Equal(1, state.BestEpoch);
        Assert.Equal(1, state.EpochsWithoutImprovement);
        Assert.True(state.StoppedEarly);
    }
}
