using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Npgsql;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Hosting.PostgreSql;
using ResNetService.Api.Jobs.Worker;

namespace ResNetService.Api.Hosting;

public static class JobQueueSetup
{
    /// <summary>Hangfire on PostgreSQL when <c>ConnectionStrings:Hangfire</c> is set, else in memory; servers on the training and health queues when the role runs jobs.</summary>
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
            var storageOptions = new PostgreSqlStorageOptions
            {
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                QueuePollInterval = options.QueuePollInterval,
            };
            var postgres = PostgreSqlConnectionString.WithDefaults(connectionString);
            TryInstallSchema(postgres, storageOptions.SchemaName, provider.GetRequiredService<ILogger<SchemaSetupLock>>());
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres, storageOptions), storageOptions);
        });
        // This host's own activator, registered before AddHangfire's default, which takes Hangfire's process-wide
        // JobActivator.Current: with two hosts in one process (the tests) a worker then built its jobs from the other
        // host's services, and failed once that host was disposed.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
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
                // One training per device: a job holds its device until it ends.
                server.WorkerCount = options.WorkerCount ?? provider.GetRequiredService<DevicePool>().Count;
            });
            // Health checks have a server of their own, so a dataset's report never waits for a training to end.
            services.AddHangfireServer((provider, server) =>
            {
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:health";
                server.Queues = [provider.GetRequiredService<IOptions<HangfireOptions>>().Value.HealthQueue];
                server.WorkerCount = 1;
            });
        }
        return services;
    }

    /// <summary>
    /// Installs or upgrades Hangfire's tables under <see cref="SchemaSetupLock"/>: Hangfire.PostgreSql's own install
    /// takes no lock, and processes starting together run the same DDL at once. The storage still prepares the schema
    /// itself afterwards, which then only reads the version; if PostgreSQL cannot be reached now, that is what keeps
    /// trying (with back-off, then on first use) while the process starts.
    /// </summary>
    private static void TryInstallSchema(string connectionString, string schemaName, ILogger logger)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using (SchemaSetupLock.Acquire(connection, logger))
                PostgreSqlObjectsInstaller.Install(connection, schemaName);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("Hangfire's tables could not be set up yet ({Problem}); the job storage keeps trying", e.Message);
        }
    }

    public static bool UsesInMemoryStorage(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(HangfireOptions.ConnectionStringName));
}
