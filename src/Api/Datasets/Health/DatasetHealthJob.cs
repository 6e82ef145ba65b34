using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Storage;
using ResNetService.Training.Data;
using ResNetService.Training.Health;
using Serilog.Context;

namespace ResNetService.Api.Datasets.Health;

/// <summary>The Hangfire job that computes a registered dataset's health report, on any worker, recording its progress.</summary>
public sealed class DatasetHealthJob(
    DatasetStore datasets, DatasetHealthStore health, IOptions<DatasetHealthOptions> options, ServerPaths paths, ILogger<DatasetHealthJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public void Run(string datasetId, CancellationToken cancellationToken)
    {
        using var datasetIdProperty = LogContext.PushProperty("DatasetId", datasetId);
        if (datasets.Get(datasetId) is not { } dataset)
        {
            logger.LogInformation("Dataset {DatasetId} was deleted before its health check ran", datasetId);
            return;
        }

        var settings = HealthOptions.Default with
        {
            NearDuplicateDistance = options.Value.NearDuplicateDistance,
            MaxImagePixels = datasets.ReadOptions.MaxImagePixels,
            MaxDegreeOfParallelism = options.Value.Threads ?? Environment.ProcessorCount,
        };
        try
        {
            var report = DatasetHealthCheck.Run(datasets.FilesOf(dataset), settings, new RecordedProgress(health, datasetId), cancellationToken);
            health.Complete(datasetId, report);
            logger.LogInformation("Dataset {DatasetId} health: {Verdict} ({Images} images in {Seconds:F1} s)", datasetId, report.Verdict, report.Images, report.Seconds);
        }
        catch (Exception e) when (e is DatasetException or ImportRefusedException or IOException or UnauthorizedAccessException)
        {
            health.Fail(datasetId, paths.Redact(e.Message));
            logger.LogWarning(e, "Dataset {DatasetId} health check failed", datasetId);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Hangfire does not retry this job, so a report left "queued" would wait for a worker forever: say it failed.
            health.Fail(datasetId, $"The check stopped unexpectedly ({e.GetType().Name}): {paths.Redact(e.Message)}");
            logger.LogError(e, "Dataset {DatasetId} health check stopped unexpectedly", datasetId);
        }
    }

    private sealed class RecordedProgress(DatasetHealthStore health, string datasetId) : IProgress<HealthProgress>
    {
        public void Report(HealthProgress value) => health.Progress(datasetId, value);
    }
}
