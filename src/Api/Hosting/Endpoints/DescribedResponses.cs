using Microsoft.AspNetCore.Mvc;

namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>
/// The answers an endpoint declares for its OpenAPI description, each with when it is given: generated clients map
/// every declared problem to a typed error, and the lint asks for each status a client can meet.
/// </summary>
public static class DescribedResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A problem document with <paramref name="status"/>; a 400 has the validation problem's per-field errors.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, int status, string when) =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(
            status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), [ProblemJson])
        {
            Description = when,
        });

    /// <summary>A success answer: what it carries and when.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status, string what, string contentType = "application/json") =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(T), [contentType]) { Description = what });
}

