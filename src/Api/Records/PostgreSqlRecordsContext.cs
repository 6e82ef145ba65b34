using Microsoft.EntityFrameworkCore;

namespace ResNetService.Api.Records;

/// <summary>The records in PostgreSQL, in a schema of their own (the database may be Hangfire's too).</summary>
public sealed class PostgreSqlRecordsContext(DbContextOptions<PostgreSqlRecordsContext> options) : RecordsDbContext(options)
{
    public const string Schema = "records";

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema(Schema);
        base.OnModelCreating(model);
    }
}
