using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>A training job as stored in <c>runs/{id}/run.json</c> and returned by <c>GET /jobs/{id}</c>.</summary>
public sealed record JobRecord(
    string Id,
    string Name,
    string DatasetId,
    ModelRequest Model,
    TrainingOptions Training,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    JobProgress? Progress = null,
    EpochMetrics? LatestMetrics = null,
    string? ModelId = null,
    string? Error = null,
    string? HangfireJobId = null,
    int WorkerDeaths = 0);
