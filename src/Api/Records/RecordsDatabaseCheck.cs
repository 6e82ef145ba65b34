using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResNetService.Api.Records;

public sealed class RecordsDatabaseCheck(RecordsDatabase database, RecordsMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (migrator.Problem is { } problem)
            return HealthCheckResult.Unhealthy(problem);
        try
        {
            await using var db = database.Open();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{database.Description} answers.")
                : HealthCheckResult.Unhealthy($"{database.Description} does not answer.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} does not answer: {e.Message}");
        }
    }
}
