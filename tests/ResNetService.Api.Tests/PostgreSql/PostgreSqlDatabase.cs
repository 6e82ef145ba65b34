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

    public PostgreSqlDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with ./test.sh, which starts a PostgreSQL for them.");
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
