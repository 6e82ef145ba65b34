using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Datasets;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Models;

namespace ResNetService.Api.Sweeps;

public static class SweepsSetup
{
    /// <summary>The sweeps' records, decisions and checks; every role advances the running sweeps.</summary>
    public static IServiceCollection AddSweeps(this IServiceCollection services)
    {
        services.AddSingleton<SweepStore>();
        services.AddSingleton(provider => new TrialJobs(provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));
        services.AddSingleton(provider => new SweepValidation(provider.GetRequiredService<DatasetStore>(), provider.GetRequiredService<ModelStore>(),
            provider.GetRequiredService<TrialJobs>(), provider.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxModelParameters));
        services.AddSingleton<SweepCoordinator>();
        services.AddHostedService<SweepDecisionService>();
        services.AddSingleton<SweepTrialGauge>();
        return services;
    }
}
