using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResNetService.Api.Hosting.PostgreSql;

namespace ResNetService.Api.Records;

/// <summary>
/// Opens contexts on the records database: PostgreSQL (schema <c>records</c>) when <c>ConnectionStrings:Database</c>
/// is set, or else when <c>ConnectionStrings:Hangfire</c> is, the same database; otherwise the SQLite file
/// <c>records.db</c> under the data root.
/// </summary>
public sealed class RecordsDatabase
{
    private readonly DbContextOptions _options;
    private readonly Func<DbContextOptions, RecordsDbContext> _create;

    private RecordsDatabase(DbContextOptions options, Func<DbContextOptions, RecordsDbContext> create, bool isSqlite, string description)
    {
        _options = options;
        _create = create;
        IsSqlite = isSqlite;
        Description = description;
    }

    public bool IsSqlite { get; }

    /// <summary>Where the records are, without credentials, for logs and health output.</summary>
    public string Description { get; }

    public static RecordsDatabase Sqlite(string file)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ConnectionString;
        var options = new DbContextOptionsBuilder<SqliteRecordsContext>().UseSqlite(connection).Options;
        return new RecordsDatabase(options, o => new SqliteRecordsContext((DbContextOptions<SqliteRecordsContext>)o), true, $"SQLite ({Path.GetFileName(file)} under the data root)");
    }

    /// <summary>
    /// A session that leaves a transaction open and idle for this long is ended by the server, which releases its
    /// locks: a worker frozen mid-transaction (paused, swapped out, cut off) cannot hold up the others for longer.
    /// Every transaction on the records is a few statements in a row, never a wait for anything else.
    /// </summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(15);

    public static RecordsDatabase PostgreSql(string connectionString)
    {
        connectionString = WithIdleInTransactionTimeout(PostgreSqlConnectionString.WithDefaults(connectionString));
        var options = new DbContextOptionsBuilder<PostgreSqlRecordsContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", PostgreSqlRecordsContext.Schema))
            .Options;
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        return new RecordsDatabase(options, o => new PostgreSqlRecordsContext((DbContextOptions<PostgreSqlRecordsContext>)o), false,
            $"PostgreSQL {server.Host}:{server.Port}/{server.Database} (schema {PostgreSqlRecordsContext.Schema})");
    }

    public RecordsDbContext Open() => _create(_options);

    private static string WithIdleInTransactionTimeout(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) != true)
            builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout={(int)IdleInTransactionTimeout.TotalMilliseconds}".Trim();
        return builder.ConnectionString;
    }

    /// <summary>
    /// Holds the row of a dataset or model with id <paramref name="id"/> until the open transaction ends:
    /// <paramref name="exclusive"/> against every other holder, as a delete does, else only against an exclusive one,
    /// as a job that uses it does; so a delete and a job made at the same moment happen one after the other. On SQLite
    /// a transaction holds the whole database from its start (Microsoft.Data.Sqlite begins it IMMEDIATE), so there
    /// is nothing more to take.
    /// </summary>
    /// <returns>Whether the row exists.</returns>
    public bool Hold<T>(RecordsDbContext db, string id, bool exclusive) where T : class
    {
        if (IsSqlite)
            return db.Set<T>().Any(row => EF.Property<string>(row, IdColumn) == id);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not a record.", nameof(T));
        var sql = $"SELECT \"{IdColumn}\" AS \"Value\" FROM \"{entity.GetSchema()}\".\"{entity.GetTableName()}\" WHERE \"{IdColumn}\" = {{0}} FOR {(exclusive ? "UPDATE" : "SHARE")}";
        return db.Database.SqlQueryRaw<string>(sql, id).AsEnumerable().Any();
    }

    /// <summary>The key of datasets and models, as property and column.</summary>
    private const string IdColumn = "Id";

    /// <summary>
    /// Brings the database to the current schema; on PostgreSQL under <see cref="SchemaSetupLock"/>, so processes that
    /// start together migrate one after the other (the later ones find nothing left to do).
    /// </summary>
    public void Migrate(RecordsDbContext db, ILogger logger)
    {
        if (IsSqlite)
        {
            db.Database.Migrate();
            return;
        }
        db.Database.OpenConnection();
        try
        {
            using (SchemaSetupLock.Acquire(db.Database.GetDbConnection(), logger))
                db.Database.Migrate();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>
    /// Now by the database's clock, which every process sharing the database agrees on (a lease written by one host
    /// is judged by the same clock on another).
    /// </summary>
    public DateTimeOffset Now(RecordsDbContext db)
    {
        if (IsSqlite)
        {
            var text = db.Database.SqlQueryRaw<string>("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS \"Value\"").AsEnumerable().First();
            return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        }
        var now = db.Database.SqlQueryRaw<DateTime>("SELECT clock_timestamp() AS \"Value\"").AsEnumerable().First();
        return new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }
}
