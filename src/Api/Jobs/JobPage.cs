namespace ResNetService.Api.Jobs;

public sealed record JobPage(IReadOnlyList<JobRecord> Items, int Page, int PageSize, int Total);
