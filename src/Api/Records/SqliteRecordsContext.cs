using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ResNetService.Api.Records;

/// <summary>The embedded records database: one SQLite file under the data root.</summary>
public sealed class SqliteRecordsContext(DbContextOptions<SqliteRecordsContext> options) : RecordsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite has no time type; as a number (UTC ticks) times order and compare in SQL, which leases need.
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
