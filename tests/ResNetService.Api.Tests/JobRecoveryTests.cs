using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Tests;

/// <summary>Runs whose worker vanished, and runs handed out twice.</summary>
public sealed class JobRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddHours(-1);
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);

    // The API role has no worker, so nothing but the test itself trains the runs it makes.
    private readonly ServiceFactory _factory = ServiceFactory.With(new() { ["Role"] = "api" });

    public void Dispose() => _factory.Dispose();

    private RunRow Stored(JobState state, string? leaseOwner = null, DateTimeOffset? leaseExpiresAt = null, int attempts = 0, string? datasetId = null) =>
        _factory.Service<RunStore>().Recorded(new RunRow
        {
            Id = ResourceIds.New(), Name = "orphan", DatasetId = datasetId ?? RecordedRuns.NewDataset(_factory.Service<RecordsDatabase>()), Model = new TrainingNetwork { Depth = 8 },
            Training = new TrainingOptions { Epochs = 1, BatchSize = 4 }, State = state, CreatedAt = DateTimeOffset.UtcNow,
            LeaseOwner = leaseOwner, LeaseExpiresAt = leaseExpiresAt, Attempts = attempts,
        });

    private RunRow Reload(string id) => _factory.Service<RunStore>().Get(id)!;

    [Fact]
    public async Task CancellingARunningJobWhoseWorkerIsGoneSettlesItAtOnce()
    {
        var run = Stored(JobState.Running, "dead-worker", LongAgo);

        var cancelled = await (await _factory.CreateClient().DeleteAsync($"/jobs/{run.Id}")).AssertJson(HttpStatusCode.Accepted);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(JobState.Cancelled, Reload(run.Id).State);
        Assert.Null(Reload(run.Id).LeaseOwner);
    }

    [Fact]
    public async Task CancellingARunningJobThatAWorkerHoldsLeavesItToTheWorker()
    {
        var run = Stored(JobState.Running, "live-worker", Later);

        await (await _factory.CreateClient().DeleteAsync($"/jobs/{run.Id}")).AssertJson(HttpStatusCode.Accepted);

        var after = Reload(run.Id);
        Assert.Equal(JobState.Running, after.State);
        Assert.True(after.CancelRequested);
        Assert.Equal("live-worker", after.LeaseOwner);
    }

    [Fact]
    public void ARunAnotherWorkerHoldsIsNotTrainedTwice()
    {
        var run = Stored(JobState.Running, "live-worker", Later);

        _factory.Service<TrainingJobRunner>().Run(run.Id, CancellationToken.None);

        var after = Reload(run.Id);
        Assert.Equal((JobState.Running, "live-worker", 0), (after.State, after.LeaseOwner, after.Attempts));
    }

    [Fact]
    public void AClaimAfterTheLeaseExpiredCountsAnAttempt()
    {
        var leases = _factory.Service<RunLeases>();
        var run = Stored(JobState.Running, "dead-worker", LongAgo, attempts: 1);

        var claimed = leases.TryClaim(run.Id, "next-worker");

        Assert.Equal(("next-worker", 2), (claimed!.LeaseOwner, claimed.Attempts));
        Assert.Null(leases.TryClaim(run.Id, "third-worker"));
    }

    [Fact]
    public void ARunWhoseWorkersKeepDyingFailsWithTheReason()
    {
        var maxAttempts = new JobsOptions().MaxAttempts;
        var run = Stored(JobState.Running, "dead-worker", LongAgo, attempts: maxAttempts - 1);

        _factory.Service<TrainingJobRunner>().Run(run.Id, CancellationToken.None);

        var failed = Reload(run.Id);
        Assert.Equal((JobState.Failed, maxAttempts), (failed.State, failed.Attempts));
        Assert.Contains("stopped without finishing", failed.Error);
        Assert.Contains($"/jobs/{run.Id}/resume", failed.Error);
        Assert.Null(failed.LeaseOwner);
    }

    [Fact]
    public async Task AFailedRunResumesWithANewBatchSizeAndItsAttemptsStartAgain()
    {
        var run = Stored(JobState.Failed, attempts: 3);
        var client = _factory.CreateClient();
        var dataset = await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);
        await using (var db = _factory.Service<RecordsDatabase>().Open())
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.DatasetId, dataset.GetProperty("id").GetString()!));

        await (await client.PostAsJsonAsync($"/jobs/{run.Id}/resume", new { batchSize = 2 })).AssertJson(HttpStatusCode.Accepted);

        var queued = Reload(run.Id);
        Assert.Equal((JobState.Queued, 0, 2), (queued.State, queued.Attempts, queued.Training.BatchSize));
        Assert.Equal(1, queued.Training.Epochs);
    }

    [Fact]
    public async Task ResumeRefusesAnythingButTheBatchSize()
    {
        var run = Stored(JobState.Failed);

        var problem = await (await _factory.CreateClient().PostAsJsonAsync($"/jobs/{run.Id}/resume", new { batchSize = 2, epochs = 5 }))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("batchSize", problem.GetRawText());
        Assert.Equal(JobState.Failed, Reload(run.Id).State);
    }

    [Theory]
    [InlineData(JobState.Queued, "resume")]
    [InlineData(JobState.Running, "resume")]
    [InlineData(JobState.Succeeded, "resume")]
    public async Task IllegalTransitionsAreConflictsNamingTheState(JobState state, string action)
    {
        var run = Stored(state, state == JobState.Running ? "live-worker" : null, state == JobState.Running ? Later : null);

        var problem = await (await _factory.CreateClient().PostAsync($"/jobs/{run.Id}/{action}", null)).AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains(state.ToString().ToLowerInvariant(), problem.GetProperty("detail").GetString());
        Assert.Equal(state, Reload(run.Id).State);
    }

    [Fact]
    public void TheTransitionTableIsEnforcedByTheStore()
    {
        var runs = _factory.Service<RunStore>();
        var run = Stored(JobState.Succeeded);

        Assert.False(runs.TryMove(run.Id, JobState.Running));
        Assert.False(runs.TryMove(run.Id, JobState.Queued));
        Assert.Equal(JobState.Succeeded, Reload(run.Id).State);
        var queued = Stored(JobState.Queued);
        Assert.True(runs.TryMove(queued.Id, JobState.Cancelled));
        Assert.False(runs.TryMove(queued.Id, JobState.Cancelled));
    }

    [Fact]
    public async Task DeletingAFinishedJobRemovesItsRecordAndCheckpoints()
    {
        var run = Stored(JobState.Cancelled);
        var checkpoints = Directory.CreateDirectory(Path.Combine(_factory.DataRoot, "runs", run.Id, "checkpoints")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(checkpoints, "train-0000000001.ckpt"), [1]);
        // Deleting a finished job needs the admin scope, which requests without a key never have.
        var client = _factory.ClientWith(_factory.KeyWith(Scopes.Admin));

        var response = await client.DeleteAsync($"/jobs/{run.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_factory.DataRoot, "runs", run.Id)));
        await (await client.GetAsync($"/jobs/{run.Id}")).AssertProblem(HttpStatusCode.NotFound);
    }
}
