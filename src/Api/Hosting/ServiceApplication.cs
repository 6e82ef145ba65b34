using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Architectures;
using ResNetService.Api.Classification;
using ResNetService.Api.Datasets;
using ResNetService.Api.Datasets.Health;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Hosting.Health;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Hosting.OpenApi;
using ResNetService.Api.Jobs;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Api.Sweeps;
using ResNetService.Api.Telemetry;
using ResNetService.Api.WebConsole;
using ResNetService.Model;
using ResNetService.Training.Engine;
using Serilog;

namespace ResNetService.Api.Hosting;

/// <summary>The web service: every role runs the same host, with the API and the worker switched on by <see cref="ServiceRole"/>.</summary>
public static class ServiceApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var role = ServiceRoles.Read(builder.Configuration);
        var listening = Listening.Choose(builder.Configuration);
        if (listening.Urls is { } urls)
            builder.WebHost.UseUrls(urls);

        var services = builder.Services;
        services.AddSingleton(listening);
        services.AddServiceLogging(builder.Configuration);
        services.AddSettings<StorageOptions>(StorageOptions.Section);
        services.AddSettings<LimitsOptions>(LimitsOptions.Section);
        services.AddSettings<AuthOptions>(AuthOptions.Section);
        services.AddSettings<HangfireOptions>(HangfireOptions.Section);
        services.AddSettings<TrainerSettings>(TrainerSettings.Section);
        services.AddSettings<JobsOptions>(JobsOptions.Section);
        services.AddSettings<ClassificationOptions>(ClassificationOptions.Section)
            // Serving without a device of its own runs where training does, as it did before it had one (an invalid
            // training device is Training:Device's own error, said once).
            .PostConfigure<IConfiguration>((classification, configuration) =>
            {
                var training = configuration[$"{TrainerSettings.Section}:{nameof(TrainerSettings.Device)}"];
                if (string.IsNullOrEmpty(classification.Device) && TorchDevices.IsValidSetting(training))
                    classification.Device = training;
            });
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSettings<DatasetHealthOptions>(DatasetHealthOptions.Section);
        services.AddSettings<SweepsOptions>(SweepsOptions.Section);

        // Every problem document, whichever endpoint or middleware writes it, names files without the server's folders.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Detail is { } detail)
                context.ProblemDetails.Detail = context.HttpContext.RequestServices.GetRequiredService<ServerPaths>().Redact(detail);
        });
        services.AddSingleton<ServerPaths>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // A body or parameter the endpoint cannot bind reaches ApiExceptionHandler, which says what was wrong with it.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json => StorageJson.Configure(json.SerializerOptions));
        services.AddSingleton<DataRoot>();
        services.AddHostedService<Housekeeping>();
        services.AddRecords(builder.Configuration);
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<SampleIndexCache>();
        services.AddSingleton<DatasetHealthStore>();
        services.AddSingleton<DatasetHealthScheduler>();
        services.AddSingleton<IDatasetChecks>(provider => provider.GetRequiredService<DatasetHealthScheduler>());
        services.AddTransient<DatasetHealthJob>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<RunStore>();
        services.AddRunWorker();
        services.AddSweeps();
        services.AddScopedKeys();
        services.WithoutDataProtectionKeysAtStart();
        services.AddServiceRateLimits();
        services.AddJobQueue(builder.Configuration, role);
        services.AddServiceHealthChecks();
        services.AddServiceTelemetry(builder.Configuration, role);
        if (role.ServesApi())
        {
            services.AddServiceSwagger();
            services.AddSingleton<ServedModelLoader>();
            services.AddSingleton<ModelCache>();
            services.AddSingleton<DecodeSlots>();
            services.AddSingleton<ImagePreprocessor>();
            services.AddSingleton<ModelLookup>();
            services.AddSingleton<InferenceQueue>();
            services.AddHostedService(provider => provider.GetRequiredService<InferenceQueue>());
            services.AddSingleton<IServingWarmup>(provider => provider.GetRequiredService<InferenceQueue>());
            services.AddSingleton<RequestPathWarmup>();
            services.AddSingleton<DefaultModelWarmup>();
            services.AddHostedService(provider => provider.GetRequiredService<DefaultModelWarmup>());
            services.AddHealthChecks().AddCheck<DefaultModelWarmupCheck>("default-model", tags: [HealthEndpoints.ReadyTag]);
        }

        var app = builder.Build();
        // Settings are checked now rather than when the host starts, which would log the failure with a stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        // Made now, so an unusable data root stops the start rather than failing the first request.
        app.Services.GetRequiredService<DataRoot>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        // Who is asking is settled before anything else, so no refused request has its body read.
        app.UseAuthentication();
        app.UseMiddleware<AuditLog>();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        // What an endpoint throws becomes its problem here too, inside the audit log and the request log, so both record
        // the status it is answered with; the first handler is for what the middleware above throws.
        app.UseExceptionHandler();
        app.MapHealthEndpoints();
        app.UseServiceTelemetry(role);
        if (role.ServesApi())
            MapApi(app);

        app.Logger.LogInformation("Starting as role {Role}", role);
        if (listening.Notice is { } notice)
            app.Logger.LogWarning("{Notice}", notice);
        if (JobQueueSetup.UsesInMemoryStorage(builder.Configuration))
            app.Logger.LogInformation("ConnectionStrings:Hangfire is not set: jobs are queued in memory, and after a restart the records queue every waiting run again.");
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        app.UseWebConsole();
        app.UseServiceSwagger();
        app.UseHangfireDashboard(DashboardAuthorization.Path, new DashboardOptions { Authorization = [], AsyncAuthorization = [new DashboardAuthorization()] });
        app.MapDatasetsApi(limits);
        app.MapDatasetHealthApi();
        app.MapJobsApi();
        app.MapSweepsApi();
        // Made now: an instrument that only exists to be observed must exist before the first scrape.
        app.Services.GetRequiredService<SweepTrialGauge>();
        app.MapModelsApi(limits);
        app.MapClassifyApi(limits);
        app.MapArchitecturesApi();
        app.MapKeysApi();
    }
}
