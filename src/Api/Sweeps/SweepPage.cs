namespace ResNetService.Api.Sweeps;

public sealed record SweepPage(IReadOnlyList<SweepSummary> Items, int Page, int PageSize, int Total);
