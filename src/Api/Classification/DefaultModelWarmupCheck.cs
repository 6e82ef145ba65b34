using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResNetService.Api.Classification;

/// <summary>Not ready until the default model is warm; degraded (still ready) when it cannot be loaded at all.</summary>
public sealed class DefaultModelWarmupCheck(DefaultModelWarmup warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmup.Outcome switch
        {
            null => HealthCheckResult.Unhealthy("Warming up the default model."),
            { Loaded: true } done => HealthCheckResult.Healthy(done.Description),
            var failed => HealthCheckResult.Degraded(failed.Description),
        });
}
