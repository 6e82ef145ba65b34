using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Records;

namespace ResNetService.Api.Datasets.Health;

/// <summary>Queues a dataset's health check on Hangfire's health queue, which every worker serves beside training.</summary>
public sealed class DatasetHealthScheduler(IBackgroundJobClient hangfire, DatasetHealthStore health, IOptions<HangfireOptions> options) : IDatasetChecks
{
    /// <returns>The queued check, as recorded before a worker can take it.</returns>
    public DatasetHealthRow Submit(string datasetId)
    {
        var queued = health.Queue(datasetId);
        hangfire.Enqueue<DatasetHealthJob>(options.Value.HealthQueue, job => job.Run(datasetId, CancellationToken.None));
        return queued;
    }

    void IDatasetChecks.Queue(string datasetId) => Submit(datasetId);
}
