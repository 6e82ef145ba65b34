using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResNetService.Api.Hosting.Health;

public sealed class HangfireStorageCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A cheap round trip: any read proves the storage answers.
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("health-probe");
            return Task.FromResult(HealthCheckResult.Healthy("Hangfire storage answers."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage is unreachable.", e));
        }
    }
}
