using ResNetService.Api.Records;

namespace ResNetService.Api.Jobs;

/// <param name="Warnings">The problems the dataset's health report found (GET /datasets/{id}/health); the job runs regardless.</param>
public sealed record JobAccepted(string Id, JobState State, IReadOnlyList<string> Warnings);
