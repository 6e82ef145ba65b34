namespace ResNetService.Api.Records;

/// <summary>Where the records live: PostgreSQL when a connection string is configured, else SQLite under the data root.</summary>
public sealed class RecordsOptions
{
    /// <summary><c>ConnectionStrings:Database</c>: PostgreSQL for the records.</summary>
    public const string ConnectionStringName = "Database";

    /// <summary>The embedded database's file under the data root.</summary>
    public const string SqliteFileName = "records.db";
}
