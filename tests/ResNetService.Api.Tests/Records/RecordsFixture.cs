using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.Support;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Tests.Records;

/// <summary>The stores on a migrated records database of one provider, with a data root of their own.</summary>
public sealed class RecordsFixture : IDisposable
{
    private readonly Action _dispose;

    public RecordsFixture(RecordsDatabase database, Action dispose)
    {
        _dispose = dispose;
        Database = database;
        Root = new DataRoot(Options.Create(new StorageOptions { DataRoot = Directory.CreateTempSubdirectory("resnet-records-").FullName }));
        using (var db = database.Open())
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        Runs = new RunStore(database, Root);
        Leases = new RunLeases(database, Options.Create(new JobsOptions { LeaseDuration = TimeSpan.FromSeconds(2) }));
        Models = new ModelStore(database, Root, NullLogger<ModelStore>.Instance);
    }

    /// <summary>A fresh SQLite file of its own.</summary>
    public static RecordsFixture Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("resnet-sqlite-").FullName;
        return new RecordsFixture(RecordsDatabase.Sqlite(Path.Combine(folder, "records.db")), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        });
    }

    /// <summary>A fresh database of its own on the tests' PostgreSQL.</summary>
    public static RecordsFixture PostgreSql()
    {
        var database = new PostgreSql.PostgreSqlDatabase();
        return new RecordsFixture(RecordsDatabase.PostgreSql(database.ConnectionString), database.Dispose);
    }

    public RecordsDatabase Database { get; }
    public DataRoot Root { get; }
    public RunStore Runs { get; }
    public RunLeases Leases { get; }
    public ModelStore Models { get; }

    public RunRow NewRun(JobState state = JobState.Queued) => Runs.Recorded(new RunRow
    {
        Id = ResourceIds.New(), Name = "run", DatasetId = RecordedRuns.NewDataset(Database), Model = new TrainingNetwork { Depth = 8 },
        Training = new TrainingOptions(), State = state, CreatedAt = DateTimeOffset.UtcNow,
    });

    public void Dispose()
    {
        Directory.Delete(Root.FullPath, recursive: true);
        _dispose();
    }
}
