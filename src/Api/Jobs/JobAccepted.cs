namespace ResNetService.Api.Jobs;

public sealed record JobAccepted(string Id, JobState State);
