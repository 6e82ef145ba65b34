using ResNetService.Training.Health;

namespace ResNetService.Api.Records;

/// <summary>A dataset's health check: its progress while it runs, then its report (or why it failed).</summary>
public sealed class DatasetHealthRow
{
    public required string DatasetId { get; init; }
    public DatasetHealthState State { get; set; }
    public int Scanned { get; set; }
    public int Total { get; set; }
    public HealthReport? Report { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
