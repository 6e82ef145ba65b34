namespace ResNetService.Api.Models;

/// <summary>One page of <c>GET /models</c>; <see cref="Total"/> counts every model.</summary>
public sealed record ModelPage(IReadOnlyList<ModelListItem> Items, int Page, int PageSize, int Total);
