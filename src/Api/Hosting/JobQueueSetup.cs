using Hangfire;
using Hangfire.PostgreSql;
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
        services.AddHangfire((provider, hangfire) =>
        {
            var options = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.IsNullOrWhiteSpace(connectionString))
                hangfire.UseInMemoryStorage();
            else
                hangfire.UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseNpgsqlConnection(connectionString),
                    // Sliding invisibility: a job stays taken while its worker's heartbeat lives, however long training runs.
                    new PostgreSqlStorageOptions { UseSlidingInvisibilityTimeout = true, InvisibilityTimeout = options.InvisibilityTimeout });
        });
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
