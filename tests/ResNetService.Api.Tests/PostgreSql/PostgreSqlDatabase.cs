using Npgsql;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>
/// A fresh database on the PostgreSQL that test.sh starts (RESNET_TEST_POSTGRES), dropped afterwards, so every test
/// class has a Hangfire schema of its own.
/// </summary>
public sealed class PostgreSqlDatabase : IDisposable
{
    public const string ServerVariable = "RESNET_TEST_POSTGRES";
    private readonly string _server;
    private readonly string _name = $"resnet_{Guid.NewGuid():N}";

    /// <summary>Why the PostgreSQL tests cannot run here, in one line with what to do; null when they can.</summary>
    public static string? Missing => Environment.GetEnvironmentVariable(ServerVariable) is null
        ? $"Needs PostgreSQL, named by {ServerVariable}: run ./test.sh, or 'source scripts/start-test-postgres.sh' (Debian's postgresql package: apt-get install postgresql) and then dotnet test in that shell."
        : null;

    public PostgreSqlDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) ?? throw new InvalidOperationException(Missing);
        Execute($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
