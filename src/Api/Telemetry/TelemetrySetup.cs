using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Training.Telemetry;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// OpenTelemetry for every role: metrics always (scraped at <see cref="MetricsEndpoint.Path"/>), traces only when an
/// OTLP collector is named by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, so nothing is recorded that nobody reads.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string ServiceName = "resnetservice";

    public static IServiceCollection AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration, ServiceRole role)
    {
        services.AddSingleton<ServingTelemetry>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString())
                .AddAttributes([new("resnetservice.role", role.ToString().ToLowerInvariant())]))
            .WithMetrics(metrics => metrics
                .AddMeter(ServingTelemetry.Name, TrainingTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape sees the present: a scrape costs little, and the one costly series caches itself (JobStateGauge).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServingTelemetry.Name, TrainingTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(MetricsEndpoint.Path))
                .AddOtlpExporter());
        }
        if (role.ServesApi())
            services.AddSingleton<JobStateGauge>();
        return services;
    }

    /// <summary>Maps the scrape endpoint and starts the instruments that exist only to be observed.</summary>
    public static void UseServiceTelemetry(this WebApplication app, ServiceRole role)
    {
        if (role.ServesApi())
            app.Services.GetRequiredService<JobStateGauge>();
        if (TorchSharp.torch.cuda.is_available())
            CudaMemoryGauge.Register(app.Services.GetRequiredService<IMeterFactory>(), TorchSharp.torch.cuda.device_count());
        app.MapMetricsEndpoint();
    }
}
