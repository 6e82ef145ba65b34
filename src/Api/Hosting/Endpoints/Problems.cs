using Microsoft.AspNetCore.Http.HttpResults;

namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>The problems the endpoints answer with, worded once.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string kind, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{kind} not found", detail: $"There is no {kind.ToLowerInvariant()} with id '{id}'.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
