namespace ResNetService.Api.Jobs;

public sealed record JobPage(IReadOnlyList<JobDetails> Items, int Page, int PageSize, int Total);
