using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Cli;

/// <summary>
/// Which records database a verb works on, found as the service finds it: <c>--database</c> (PostgreSQL), else the
/// configuration (appsettings.json beside the executable, environment variables), else <c>records.db</c> in the data root.
/// </summary>
internal sealed class RecordsLocation
{
    private readonly Option<string?> _dataRoot = CliOption.Of<string?>("--data-root", "dir",
        $"The service's data root, whose {RecordsOptions.SqliteFileName} holds the records. Unset: Storage:DataRoot, else ./data.");
    private readonly Option<string?> _database = CliOption.Of<string?>("--database", "connection-string",
        "PostgreSQL holding the records. Unset: ConnectionStrings:Database (or :Hangfire) from the configuration, else the SQLite file.");

    public void AddTo(Command command)
    {
        command.Add(_dataRoot);
        command.Add(_database);
    }

    /// <summary>The database, migrated to the current schema (so a verb may run before the service ever has).</summary>
    public RecordsDatabase Open(ParseResult result)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var database = result.GetValue(_database) is { Length: > 0 } given ? RecordsDatabase.PostgreSql(given)
            : RecordsSetup.RecordsConnectionString(configuration) is { Length: > 0 } configured ? RecordsDatabase.PostgreSql(configured)
            : RecordsDatabase.Sqlite(SqliteFile(result.GetValue(_dataRoot) ?? configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataRoot)}"] ?? "./data"));
        using var db = database.Open();
        database.Migrate(db, NullLogger.Instance);
        return database;
    }

    private static string SqliteFile(string dataRoot)
    {
        var root = Path.GetFullPath(dataRoot);
        Directory.CreateDirectory(root);
        return Path.Combine(root, RecordsOptions.SqliteFileName);
    }
}
