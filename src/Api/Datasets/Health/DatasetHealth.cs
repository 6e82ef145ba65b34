using ResNetService.Api.Records;
using ResNetService.Training.Health;

namespace ResNetService.Api.Datasets.Health;

/// <summary>A dataset's health check, as the API answers with it.</summary>
/// <param name="State">queued, running, done or failed.</param>
/// <param name="Progress">Images read of the total, while it runs and after.</param>
/// <param name="Report">The report, once done.</param>
/// <param name="Error">Why the check failed, when it did.</param>
public sealed record DatasetHealth(string DatasetId, DatasetHealthState State, HealthProgress Progress, HealthReport? Report, string? Error, DateTimeOffset UpdatedAt)
{
    public static DatasetHealth Of(DatasetHealthRow row) =>
        new(row.DatasetId, row.State, new HealthProgress(row.Scanned, row.Total), row.Report, row.Error, row.UpdatedAt);
}
