using Microsoft.Extensions.Options;
using Polly;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs.Worker;

public static class WorkerSetup
{
    /// <summary>What queues, trains, keeps alive, recovers and cancels runs; every role queues, workers train.</summary>
    public static IServiceCollection AddRunWorker(this IServiceCollection services)
    {
        services.AddSingleton<RunLeases>();
        services.AddSingleton<RunFolders>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService<RunReconciler>();
        services.AddTransient<TrainingJobRunner>();
        services.AddSingleton<RunCancellation>();
        services.AddSingleton(provider => DevicePool.For(provider.GetRequiredService<IOptions<TrainerSettings>>().Value.Device));
        services.AddResiliencePipeline(DurableWrites.Pipeline, (pipeline, context) =>
            pipeline.AddRetry(DurableWrites.Retry(context.ServiceProvider.GetRequiredService<ILogger<DurableWrites>>())));
        services.AddSingleton<DurableWrites>();
        return services;
    }
}
