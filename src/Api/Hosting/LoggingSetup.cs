using ResNetService.Api.Hosting.Configuration;
using Serilog;
using Serilog.Formatting.Compact;

namespace ResNetService.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog from the <c>Serilog</c> section, with log-context properties (the run id of a job) on every line; JSON lines when <c>Logging:Json</c> is true.</summary>
    public static IServiceCollection AddServiceLogging(this IServiceCollection services, IConfiguration configuration)
    {
        var json = Settings.Value<bool>(configuration, "Logging:Json");
        return services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider).Enrich.FromLogContext();
            if (json)
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext} {RunId}: {Message:lj}{NewLine}{Exception}");
        });
    }
}
