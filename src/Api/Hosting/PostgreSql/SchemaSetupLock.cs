using System.Data;
using System.Data.Common;

namespace ResNetService.Api.Hosting.PostgreSql;

/// <summary>
/// Serialises schema setup (Hangfire's install, the records migrations) among every process that shares a PostgreSQL
/// database: a session-level advisory lock on an open connection. On a stack's first start the API and the workers start
/// at the same moment; one of them creates the schema and the others wait for it, instead of running the same DDL at
/// once (which fails one of them with errors such as "could not find tuple for constraint").
/// </summary>
public sealed class SchemaSetupLock : IDisposable
{
    /// <summary>Any number, as long as every version of the service uses the same one.</summary>
    private const long Key = 0x5265_734E_6574;

    private readonly DbConnection _connection;

    private SchemaSetupLock(DbConnection connection) => _connection = connection;

    /// <summary>Waits while another process sets the schema up, then holds the lock until disposed.</summary>
    /// <param name="connection">An open connection to the database whose schema is set up; it carries the lock.</param>
    public static SchemaSetupLock Acquire(DbConnection connection, ILogger logger)
    {
        if (Execute(connection, "SELECT pg_try_advisory_lock(@key)") is not true)
        {
            logger.LogInformation("Another process is setting up the database schema; waiting for it to finish");
            // No timeout: the lock goes when its holder finishes, or with its session if the holder dies.
            Execute(connection, "SELECT pg_advisory_lock(@key)", timeoutSeconds: 0);
        }
        return new SchemaSetupLock(connection);
    }

    /// <summary>Released explicitly: a pooled connection's session, and so its locks, outlive Close.</summary>
    public void Dispose()
    {
        if (_connection.State == ConnectionState.Open)
            Execute(_connection, "SELECT pg_advisory_unlock(@key)");
    }

    private static object? Execute(DbConnection connection, string sql, int? timeoutSeconds = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (timeoutSeconds is { } timeout)
            command.CommandTimeout = timeout;
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = Key;
        command.Parameters.Add(key);
        return command.ExecuteScalar();
    }
}
