using ResNetService.Api.Security;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: every instrument in Prometheus's text format, on the service's own port, in every role (a
/// worker is scraped like the API), for keys with the <c>read</c> scope (Prometheus sends one as a bearer token).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path).RequireScope(Scopes.Read);
}
