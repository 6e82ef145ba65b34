using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.PostgreSql;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Tests.Records;

/// <summary>What the records stores promise, run against each provider (SQLite and PostgreSQL).</summary>
public abstract class RecordsStoreContract(RecordsFixture records) : IDisposable
{
    public void Dispose() => records.Dispose();

    [PostgreSqlFact]
    public void MigratingAgainChangesNothing()
    {
        var run = records.NewRun();
        using (var db = records.Database.Open())
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);

        Assert.Equal(run.Id, records.Runs.Get(run.Id)!.Id);
    }

    [PostgreSqlFact]
    public void ValuesKeptAsJsonComeBackWhole()
    {
        var run = records.Runs.Recorded(new RunRow
        {
            Id = ResourceIds.New(), Name = "json", DatasetId = RecordedRuns.NewDataset(records.Database), Model = new TrainingNetwork { Units = [1, 2], Filters = [4, 8, 16] },
            Training = new TrainingOptions { LearningRateStepEpochs = [3, 6], Schedule = LearningRateScheduleKind.Step }, State = JobState.Queued,
            CreatedAt = DateTimeOffset.UtcNow,
        });

        var read = records.Runs.Get(run.Id)!;

        Assert.Equal([1, 2], read.Model.Units);
        Assert.Equal([3, 6], read.Training.LearningRateStepEpochs);
        Assert.Equal(LearningRateScheduleKind.Step, read.Training.Schedule);
    }

    [PostgreSqlFact]
    public void AFineTuningRunAndItsModelKeepTheirSourceAndClassCounts()
    {
        var source = records.Models.Publish(Model(records.NewRun().Id), Checkpoint());
        var run = records.Runs.Recorded(new RunRow
        {
            Id = ResourceIds.New(), Name = "tuned", DatasetId = RecordedRuns.NewDataset(records.Database), Model = new TrainingNetwork { Units = [1, 1, 1], Filters = [16, 16, 32, 64] },
            Training = new TrainingOptions(), SourceModelId = source.Id, ClassifierReinitialised = true, State = JobState.Queued, CreatedAt = DateTimeOffset.UtcNow,
        });
        var model = records.Models.Publish(Model(run.Id, source.Id, [30, 3]), Checkpoint());

        Assert.Equal((source.Id, (bool?)true), (records.Runs.Get(run.Id)!.SourceModelId, records.Runs.Get(run.Id)!.ClassifierReinitialised));
        using (var db = records.Database.Open())
            Assert.Equal(run.Id, RunStore.ActiveFrom(db, source.Id)?.Id);
        var read = records.Models.Get(model.Id)!;
        Assert.Equal([30, 3], read.TrainClassCounts);
        Assert.Equal(source.Id, read.SourceModelId);
        Assert.Null(records.Models.Get(source.Id)!.TrainClassCounts);
    }

    [PostgreSqlFact]
    public void OfConcurrentClaimsExactlyOneWins()
    {
        for (var round = 0; round < 5; round++)
        {
            var run = records.NewRun();
            var claims = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
                .Select(_ => records.Leases.TryClaim(run.Id, RunLeases.NewOwner())).ToList();

            var winner = Assert.Single(claims, c => c is not null)!;
            Assert.Equal(winner.LeaseOwner, records.Runs.Get(run.Id)!.LeaseOwner);
        }
    }

    [PostgreSqlFact]
    public async Task AnExpiredLeaseIsTakenOverAndCountsAnAttempt()
    {
        var run = records.NewRun();
        var first = RunLease.Of(records.Leases.TryClaim(run.Id, "first")!);
        Assert.Null(records.Leases.TryClaim(run.Id, "second"));

        await Task.Delay(records.Leases.Duration + TimeSpan.FromMilliseconds(500));
        var taken = records.Leases.TryClaim(run.Id, "second");

        Assert.Equal(("second", 1, first.Number + 1), (taken!.LeaseOwner, taken.Attempts, taken.LeaseNumber));
        Assert.False(records.Leases.Renew(first));
        Assert.True(records.Leases.Renew(RunLease.Of(taken)));
    }

    [PostgreSqlFact]
    public async Task AWorkerWhoseRunWasTakenOverWritesNothing()
    {
        var run = records.NewRun();
        var first = RunLease.Of(records.Leases.TryClaim(run.Id, "first")!);
        Assert.True(records.Runs.RecordEpoch(first, Epoch(1, 0.5)));
        await Task.Delay(records.Leases.Duration + TimeSpan.FromMilliseconds(500));
        var second = RunLease.Of(records.Leases.TryClaim(run.Id, "second")!);
        var checkpoint = Checkpoint();

        Assert.False(records.Runs.RecordEpoch(first, Epoch(1, 0.9)));
        Assert.False(records.Runs.RecordEpoch(first, Epoch(2, 0.9)));
        Assert.False(records.Runs.ReplaceMetrics(first, [Epoch(1, 0.9), Epoch(2, 0.9), Epoch(3, 0.9)]));
        Assert.False(records.Runs.TryUpdate(run.Id, first.Holds, set => set.SetProperty(r => r.Error, "stale")));
        Assert.Null(records.Models.PublishOf(first, Model(run.Id), checkpoint));
        Assert.False(records.Runs.TryMove(run.Id, JobState.Succeeded, lease: first));
        Assert.False(records.Leases.Renew(first));

        Assert.Equal([(1, 0.5)], records.Runs.Metrics(run.Id).Select(m => (m.Epoch, m.ValidationAccuracy)));
        Assert.Equal(0, records.Models.Page(1, Paging.MaxPageSize).Total);
        Assert.True(File.Exists(checkpoint), "the refused model's checkpoint is left where it was");
        var now = records.Runs.Get(run.Id)!;
        Assert.Equal((JobState.Running, "second", (string?)null), (now.State, now.LeaseOwner, now.Error));

        Assert.True(records.Runs.RecordEpoch(second, Epoch(2, 0.6)));
        var model = records.Models.PublishOf(second, Model(run.Id), checkpoint);
        Assert.True(records.Runs.TryMove(run.Id, JobState.Succeeded, lease: second));
        Assert.Equal([(1, 0.5), (2, 0.6)], records.Runs.Metrics(run.Id).Select(m => (m.Epoch, m.ValidationAccuracy)));
        Assert.Equal(model!.Id, Assert.Single(records.Models.Page(1, Paging.MaxPageSize).Items).Id);
    }

    [PostgreSqlFact]
    public async Task AHeartbeatKeepsItsLeaseAndStopsTheTrainingOnceAnotherWorkerTakesTheRun()
    {
        var run = records.NewRun();
        var asked = Stopwatch.GetTimestamp();
        var first = RunLease.Of(records.Leases.TryClaim(run.Id, "first")!);
        using var heartbeat = new RunHeartbeat(records.Leases, first, asked, CancellationToken.None, NullLogger.Instance);

        await Task.Delay(records.Leases.Duration * 2);
        Assert.True(heartbeat.Holds);
        Assert.Null(records.Leases.TryClaim(run.Id, "second"));
        // As a claim after an expiry does, in one step, so that a renewal cannot come in between.
        using (var db = records.Database.Open())
            db.Runs.Where(r => r.Id == run.Id).ExecuteUpdate(set => set.SetProperty(r => r.LeaseOwner, "second").SetProperty(r => r.LeaseNumber, r => r.LeaseNumber + 1));

        Assert.True(heartbeat.Token.WaitHandle.WaitOne(records.Leases.Duration + TimeSpan.FromSeconds(5)), "the training was not stopped");
        Assert.True(heartbeat.LeaseLost);
        Assert.False(heartbeat.CancelRequested);
    }

    [PostgreSqlFact]
    public void TransitionsOutsideTheTableAreRefused()
    {
        var run = records.NewRun();

        Assert.False(records.Runs.TryMove(run.Id, JobState.Succeeded));
        Assert.True(records.Runs.TryMove(run.Id, JobState.Cancelled));
        Assert.False(records.Runs.TryMove(run.Id, JobState.Running));
        Assert.True(records.Runs.TryMove(run.Id, JobState.Queued));
        Assert.Equal(JobState.Queued, records.Runs.Get(run.Id)!.State);
    }

    [PostgreSqlFact]
    public void OnlyTheLeaseHolderSettlesARun()
    {
        var run = records.NewRun();
        var holder = RunLease.Of(records.Leases.TryClaim(run.Id, "holder")!);

        Assert.False(records.Runs.TryMove(run.Id, JobState.Succeeded, lease: holder with { Owner = "stranger" }));
        Assert.False(records.Runs.TryMove(run.Id, JobState.Succeeded, lease: holder with { Number = holder.Number - 1 }));
        Assert.True(records.Runs.TryMove(run.Id, JobState.Succeeded, lease: holder));

        var done = records.Runs.Get(run.Id)!;
        Assert.Equal((JobState.Succeeded, null), (done.State, done.LeaseOwner));
        Assert.NotNull(done.FinishedAt);
    }

    [PostgreSqlFact]
    public void EachEpochIsRecordedOnce()
    {
        var run = records.NewRun();
        var lease = RunLease.Of(records.Leases.TryClaim(run.Id, "worker")!);

        records.Runs.RecordEpoch(lease, Epoch(1, 0.5));
        records.Runs.RecordEpoch(lease, Epoch(2, 0.6));
        records.Runs.RecordEpoch(lease, Epoch(2, 0.7));

        Assert.Equal([(1, 0.5), (2, 0.7)], records.Runs.Metrics(run.Id).Select(m => (m.Epoch, m.ValidationAccuracy)));
        Assert.Equal(0.7, records.Runs.LatestMetrics([run.Id])[run.Id].ValidationAccuracy);
    }

    [PostgreSqlFact]
    public void ARunPublishesOneModelHoweverOftenItTries()
    {
        var run = records.NewRun();

        var first = records.Models.Publish(Model(run.Id), Checkpoint());
        var second = records.Models.Publish(Model(run.Id), Checkpoint());

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, records.Models.Page(1, Paging.MaxPageSize).Total);
        Assert.True(File.Exists(records.Models.CheckpointOf(first)));
    }

    [PostgreSqlFact]
    public void PageListsNewestFirstWithTheTotal()
    {
        var runs = Enumerable.Range(0, 5).Select(_ => records.NewRun()).ToList();
        records.Runs.TryMove(runs[0].Id, JobState.Cancelled);

        var (items, total) = records.Runs.Page(JobState.Queued, page: 2, pageSize: 3);

        Assert.Equal(4, total);
        Assert.Equal(runs[1].Id, Assert.Single(items).Id);
    }

    private static EpochMetrics Epoch(int epoch, double accuracy) => new(epoch, 1, 0.5, 1, accuracy, null, 0.1, 1);

    private string Checkpoint()
    {
        var path = records.Root.NewTemporaryPath(".ckpt");
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    private static ModelRow Model(string runId, string? sourceModelId = null, IReadOnlyList<int>? trainClassCounts = null)
    {
        var id = ResourceIds.New();
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(1, 8, 8), 2);
        return new ModelRow
        {
            Id = id, Name = "m", SourceRunId = runId, CreatedAt = DateTimeOffset.UtcNow,
            SourceModelId = sourceModelId, ClassifierReinitialised = sourceModelId is null ? null : true, TrainClassCounts = trainClassCounts,
            Description = new ModelDescription(config, ["a", "b"], InputNormalization.Identity(1)), History = [],
            CheckpointPath = ModelRow.CheckpointPathFor(id),
        };
    }
}

public sealed class SqliteRecordsStoreTests() : RecordsStoreContract(RecordsFixture.Sqlite());

[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlRecordsStoreTests() : RecordsStoreContract(RecordsFixture.PostgreSql());
