namespace ResNetService.Api.Datasets;

/// <summary>One page of <c>GET /datasets</c>; <see cref="Total"/> counts every dataset.</summary>
public sealed record DatasetPage(IReadOnlyList<DatasetDetails> Items, int Page, int PageSize, int Total);
