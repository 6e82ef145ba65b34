using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Tests.Cli;
using ResNetService.Api.Tests.PostgreSql;
using ResNetService.Api.Tests.Support;
using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Tests.Records;

/// <summary>Moving an installation's records from the embedded SQLite file to PostgreSQL.</summary>
[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class RecordsCopyTests : IDisposable
{
    private readonly PostgreSqlDatabase _postgres = new();
    private readonly RecordsFixture _sqlite;
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-copy-").FullName;

    public RecordsCopyTests() => _sqlite = new RecordsFixture(RecordsDatabase.Sqlite(Path.Combine(_folder, RecordsOptions.SqliteFileName)), () => { });

    public void Dispose()
    {
        _sqlite.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        _postgres.Dispose();
    }

    [PostgreSqlFact]
    public void EveryRecordArrivesOnceAndASecondCopyIsRefused()
    {
        var finished = _sqlite.NewRun();
        var lease = RunLease.Of(_sqlite.Leases.TryClaim(finished.Id, "worker")!);
        _sqlite.Runs.RecordEpoch(lease, new EpochMetrics(1, 1, 0.5, 1, 0.25, null, 0.1, 2));
        _sqlite.Runs.TryMove(finished.Id, JobState.Cancelled);
        var queued = _sqlite.NewRun();

        var (exit, output, error) = CliRunner.Run("records", "copy", "--data-root", _folder, "--to", _postgres.ConnectionString);

        Assert.True(exit == 0, error);
        Assert.Contains("runs=2", output);
        Assert.Contains("run_epochs=1", output);
        using var copied = new RecordsFixture(RecordsDatabase.PostgreSql(_postgres.ConnectionString), () => { });
        Assert.Equal(JobState.Cancelled, copied.Runs.Get(finished.Id)!.State);
        Assert.Equal(JobState.Queued, copied.Runs.Get(queued.Id)!.State);
        Assert.Equal(0.25, Assert.Single(copied.Runs.Metrics(finished.Id)).ValidationAccuracy);

        var again = CliRunner.Run("records", "copy", "--data-root", _folder, "--to", _postgres.ConnectionString);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already holds records", again.Error);
    }
}
