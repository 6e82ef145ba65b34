using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Records;

/// <summary>
/// Brings the records database to the current schema at start (an older one upgrades in place; the JSON files of a
/// version before the database are read in once, see <see cref="LegacyFileRecords"/>). A database that is
/// down does not stop the process: readiness says why, the migration is tried again, and <see cref="Ready"/>
/// completes once it has worked, for what must wait for it.
/// </summary>
public sealed class RecordsMigrator(RecordsDatabase database, DataRoot root, ILogger<RecordsMigrator> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    /// <summary>Why the last attempt failed; null once migrated.</summary>
    public string? Problem { get; private set; } = "The records database has not been migrated yet.";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The first attempt runs before the server takes requests, so a healthy database is ready from the first one.
        TryMigrate();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_ready.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            TryMigrate();
        }
    }

    private void TryMigrate()
    {
        if (_ready.Task.IsCompleted)
            return;
        try
        {
            using var db = database.Open();
            database.Migrate(db, logger);
            if (database.IsSqlite)
                // Readers never wait for the writer, and a write commits without waiting for a full fsync of the log.
                db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            if (LegacyFileRecords.ImportInto(db, root) is > 0 and var imported)
                logger.LogInformation("Brought {Count} datasets, jobs and models recorded by an earlier version (JSON files) into the records database", imported);
            Problem = null;
            logger.LogInformation("Records database: {Database}", database.Description);
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            Problem = $"The records database ({database.Description}) cannot be used: {e.Message}";
            logger.LogError("{Problem}; trying again in {Delay}", Problem, RetryDelay);
        }
    }
}
