using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using ResNetService.Model;
using TorchSharp;

namespace ResNetService.Api.Hosting;

public static class JobQueueSetup
{
    /// <summary>Hangfire on PostgreSQL when <c>ConnectionStrings:Hangfire</c> is set, else in memory; a server on the training queue when the role runs jobs.</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration, ServiceRole role)
    {
        var connectionString = configuration.GetConnectionString(HangfireOptions.ConnectionStringName);
        // The storage is this host's own singleton, never Hangfire's process-wide JobStorage.Current, so the client,
        // the server and the dashboard of one host always share it (and hosts in one process never cross).
        services.AddSingleton<JobStorage>(provider =>
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                return new InMemoryStorage();
            var options = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
            // Sliding invisibility: a job stays taken while its worker's heartbeat lives, however long training runs.
            var storageOptions = new PostgreSqlStorageOptions { UseSlidingInvisibilityTimeout = true, InvisibilityTimeout = options.InvisibilityTimeout };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (role.RunsJobs())
        {
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
                server.Queues = [options.Queue];
                server.WorkerCount = options.WorkerCount ?? DeviceCount(provider.GetRequiredService<IOptions<DeviceOptions>>().Value.Device);
            });
        }
        return services;
    }

    public static bool UsesInMemoryStorage(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(HangfireOptions.ConnectionStringName));

    /// <summary>One training per device: all CUDA devices under auto, else the one named.</summary>
    private static int DeviceCount(string device)
    {
        var resolved = TorchDevices.Resolve(device);
        var auto = string.IsNullOrWhiteSpace(device) || device.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
        return auto && resolved.type == DeviceType.CUDA ? torch.cuda.device_count() : 1;
    }
}
