using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResNetService.Api.Hosting;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>
/// A stack's first start on an empty database, as docker compose starts it: the API and a worker at the same moment,
/// in containers. One process sets the schema up (Hangfire's tables, the records migrations), the other waits for it,
/// and nobody's log has an error or a warning.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed partial class FirstStartTests : IDisposable
{
    private const string Waiting = "Another process is setting up the database schema";
    private readonly PostgreSqlDatabase _database = new();
    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("resnet-first-start-");
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("resnet-first-start-home-");
    private readonly List<ServiceProcess> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
        _database.Dispose();
        _dataRoot.Delete(recursive: true);
        _home.Delete(recursive: true);
    }

    private ServiceProcess Start(string role)
    {
        var process = ServiceProcess.Start(role, new Dictionary<string, string>
        {
            ["ConnectionStrings:Hangfire"] = _database.ConnectionString,
            ["Storage:DataRoot"] = _dataRoot.FullName,
            ["Training:Device"] = "cpu",
            ["Auth:ApiKey"] = "first-start-admin-key-0123456789abcdef",
            // As in the image: in a container, whose home folder goes with it.
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            ["HOME"] = _home.FullName,
        }, ServiceProcess.FreeLoopbackUrl());
        _processes.Add(process);
        return process;
    }

    [PostgreSqlFact]
    public async Task ProcessesStartingTogetherSetTheSchemaUpOnceAndLogNoErrorOrWarning()
    {
        ServiceProcess[] processes = [Start("api"), Start("worker")];
        foreach (var process in processes)
            (await process.ReadyClientAsync()).Dispose();

        Assert.All(processes, process => Assert.DoesNotMatch(ErrorOrWarning(), process.Output));
        Assert.Equal(["hangfire", "records"], await SchemasWithTables());
        // Data Protection had made a key ring in the home folder, lost with the container, and warned twice about it.
        Assert.False(Directory.Exists(Path.Combine(_home.FullName, ".aspnet")), "Data Protection made keys nothing uses.");
    }

    [PostgreSqlFact]
    public async Task AProcessWaitsWhileAnotherSetsTheSchemaUp()
    {
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        ServiceProcess worker;
        using (SchemaSetupLock.Acquire(other, NullLogger.Instance))
        {
            worker = Start("worker");
            await worker.WaitForOutputAsync(Waiting);
            Assert.Empty(await SchemasWithTables());
        }

        (await worker.ReadyClientAsync()).Dispose();
        Assert.Equal(["hangfire", "records"], await SchemasWithTables());
        Assert.DoesNotMatch(ErrorOrWarning(), worker.Output);
    }

    private async Task<List<string>> SchemasWithTables()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection);
        var schemas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            schemas.Add(reader.GetString(0));
        return schemas;
    }

    /// <summary>A Serilog line at warning level or above, or what the runtime writes itself when a native library fails.</summary>
    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d (WRN|ERR|FTL)\]|^Error: ", RegexOptions.Multiline)]
    private static partial Regex ErrorOrWarning();
}
