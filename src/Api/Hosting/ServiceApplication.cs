using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Architectures;
using ResNetService.Api.Classification;
using ResNetService.Api.Datasets;
using ResNetService.Api.Jobs;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Api.Telemetry;
using ResNetService.Api.WebConsole;
using ResNetService.Training.Engine;
using Serilog;

namespace ResNetService.Api.Hosting;

/// <summary>The web service: every role runs the same host, with the API and the worker switched on by <see cref="ServiceRole"/>.</summary>
public static class ServiceApplication
{
    /// <summary>Used when neither <c>Urls</c> nor <c>HTTP_PORTS</c> (ASPNETCORE_HTTP_PORTS) is configured.</summary>
    public const int DefaultPort = 8080;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var role = ServiceRoles.Read(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]) && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
            builder.WebHost.UseUrls($"http://*:{DefaultPort}");

        var services = builder.Services;
        services.AddServiceLogging(builder.Configuration);
        AddOptions<StorageOptions>(services, StorageOptions.Section);
        AddOptions<LimitsOptions>(services, LimitsOptions.Section);
        AddOptions<AuthOptions>(services, AuthOptions.Section);
        AddOptions<HangfireOptions>(services, HangfireOptions.Section);
        AddOptions<TrainerSettings>(services, TrainerSettings.Section);
        AddOptions<JobsOptions>(services, JobsOptions.Section);
        AddOptions<ClassificationOptions>(services, ClassificationOptions.Section);

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => StorageJson.Configure(json.SerializerOptions));
        services.AddSingleton<DataRoot>();
        services.AddHostedService<Housekeeping>();
        services.AddRecords(builder.Configuration);
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunLeases>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService<RunReconciler>();
        services.AddTransient<TrainingJobRunner>();
        services.AddSingleton(provider => DevicePool.For(provider.GetRequiredService<IOptions<TrainerSettings>>().Value.Device));
        services.AddSingleton<ApiKeyCheck>();
        services.AddJobQueue(builder.Configuration, role);
        services.AddServiceHealthChecks();
        services.AddServiceTelemetry(builder.Configuration, role);
        if (role.ServesApi())
        {
            services.AddServiceSwagger();
            services.AddSingleton<ModelCache>();
            services.AddSingleton<ImagePreprocessor>();
            services.AddSingleton<ModelLookup>();
            services.AddSingleton<InferenceQueue>();
            services.AddHostedService(provider => provider.GetRequiredService<InferenceQueue>());
            services.AddSingleton<DefaultModelWarmup>();
            services.AddHostedService(provider => provider.GetRequiredService<DefaultModelWarmup>());
            services.AddHealthChecks().AddCheck<DefaultModelWarmupCheck>("default-model", tags: [HealthEndpoints.ReadyTag]);
        }

        var app = builder.Build();
        // Made now, so an unusable data root stops the start rather than failing the first request.
        app.Services.GetRequiredService<DataRoot>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.MapHealthEndpoints();
        app.UseServiceTelemetry(role);
        if (role.ServesApi())
            MapApi(app);

        app.Logger.LogInformation("Starting as role {Role}", role);
        if (JobQueueSetup.UsesInMemoryStorage(builder.Configuration))
            app.Logger.LogWarning("ConnectionStrings:Hangfire is not set: jobs are queued in memory and queued jobs do not survive a restart.");
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        app.UseWebConsole();
        app.UseSwagger();
        app.UseSwaggerUI();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardApiKeyFilter(app.Services.GetRequiredService<ApiKeyCheck>())],
        });
        app.MapDatasetsApi(limits);
        app.MapJobsApi();
        app.MapModelsApi();
        app.MapClassifyApi(limits);
        app.MapArchitecturesApi();
    }

    private static void AddOptions<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
