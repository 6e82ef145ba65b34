using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Hosting.Health;

public sealed class DataRootWritableCheck(DataRoot root, ServerPaths paths) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = root.NewTemporaryPath(".probe");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            return HealthCheckResult.Healthy("The data root is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"The data root is not writable: {paths.Redact(e.Message)}");
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
