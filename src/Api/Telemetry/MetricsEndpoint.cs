using OpenTelemetry.Metrics;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: every instrument in Prometheus's text format, on the service's own port, in every role (a
/// worker is scraped like the API). The one place it is mapped: guard it here (the <c>read</c> scope) once API keys
/// carry scopes. Until then it is open like every other read, and the port should not face the internet.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path);
}
