namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>
/// How every list endpoint pages: <c>page</c> from 1, <c>pageSize</c> 1 to <see cref="MaxPageSize"/>, and the total
/// beside the items, so a request costs what it returns however many records there are.
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    /// <summary>The validation problem's entry for an out-of-range page; null when both are in range.</summary>
    public static string[]? Problem(int page, int pageSize) =>
        page < 1 || pageSize is < 1 or > MaxPageSize ? [$"page starts at 1; pageSize is 1 to {MaxPageSize}."] : null;

    /// <param name="ordered">A query in a stable order: a page of it is read, and the whole only counted.</param>
    public static (IReadOnlyList<T> Items, int Total) Read<T>(IQueryable<T> ordered, int page, int pageSize) =>
        (ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ordered.Count());
}
