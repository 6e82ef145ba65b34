using System.Net;
using ResNetService.Api.Jobs;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.Support;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Tests;

/// <summary>Runs whose worker vanished, and runs handed out twice.</summary>
public sealed class JobRecoveryTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private JobRecord Stored(JobState state, int workerDeaths = 0)
    {
        var record = new JobRecord(ResourceIds.New(), "orphan", ResourceIds.New(), new ModelRequest(Depth: 8), new TrainingOptions(), state,
            DateTimeOffset.UtcNow, WorkerDeaths: workerDeaths);
        return factory.Service<RunStore>().Create(record);
    }

    [Fact]
    public async Task CancellingARunningJobWhoseWorkerIsGoneSettlesItAtOnce()
    {
        var record = Stored(JobState.Running);

        await factory.CreateClient().DeleteAsync($"/jobs/{record.Id}");

        Assert.Equal(JobState.Cancelled, factory.Service<RunStore>().Get(record.Id)!.State);
    }

    [Fact]
    public async Task CancellingARunningJobThatAWorkerHoldsLeavesItToTheWorker()
    {
        var runs = factory.Service<RunStore>();
        var record = Stored(JobState.Running);
        using (runs.TryClaim(record.Id))
            await factory.CreateClient().DeleteAsync($"/jobs/{record.Id}");

        Assert.Equal(JobState.Running, runs.Get(record.Id)!.State);
        Assert.True(runs.IsCancelRequested(record.Id));
    }

    [Fact]
    public void ARunAnotherWorkerHoldsIsNotTrainedTwice()
    {
        var runs = factory.Service<RunStore>();
        var record = Stored(JobState.Queued);

        using (runs.TryClaim(record.Id))
            factory.Service<TrainingJobRunner>().Run(record.Id, CancellationToken.None);

        Assert.Equal(JobState.Queued, runs.Get(record.Id)!.State);
    }

    [Fact]
    public void ARunWhoseWorkersKeepDyingFailsWithTheReason()
    {
        var record = Stored(JobState.Running, workerDeaths: TrainingJobRunner.MaxWorkerDeaths - 1);

        factory.Service<TrainingJobRunner>().Run(record.Id, CancellationToken.None);

        var failed = factory.Service<RunStore>().Get(record.Id)!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal(TrainingJobRunner.MaxWorkerDeaths, failed.WorkerDeaths);
        Assert.Contains("died", failed.Error);
    }

    [Fact]
    public void AWorkerDeathIsCountedAndTheRunTriedAgain()
    {
        var record = Stored(JobState.Running);

        var error = Assert.ThrowsAny<Exception>(() => factory.Service<TrainingJobRunner>().Run(record.Id, CancellationToken.None));

        // The dataset of this hand-made record does not exist, so the retry fails, but only after counting the death.
        var after = factory.Service<RunStore>().Get(record.Id)!;
        Assert.Equal(1, after.WorkerDeaths);
        Assert.Equal(JobState.Failed, after.State);
        Assert.Contains("deleted", error.Message);
    }
}
