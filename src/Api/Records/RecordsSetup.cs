using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Records;

public static class RecordsSetup
{
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = RecordsConnectionString(configuration);
        services.AddSingleton(provider => string.IsNullOrWhiteSpace(connectionString)
            ? RecordsDatabase.Sqlite(Path.Combine(provider.GetRequiredService<DataRoot>().FullPath, RecordsOptions.SqliteFileName))
            : RecordsDatabase.PostgreSql(connectionString));
        services.AddSingleton<RecordsMigrator>();
        services.AddHostedService(provider => provider.GetRequiredService<RecordsMigrator>());
        return services;
    }

    /// <summary><c>ConnectionStrings:Database</c>, else Hangfire's PostgreSQL (the records take a schema of their own), else none: SQLite.</summary>
    public static string? RecordsConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(RecordsOptions.ConnectionStringName) is { Length: > 0 } records
            ? records
            : configuration.GetConnectionString(HangfireOptions.ConnectionStringName);
}
