using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace ResNetService.Api.Hosting;

/// <summary>
/// Turns the server's own refusals of a request (body too large, malformed form) into problems with their real
/// status, and a records database that does not answer into 503; anything else stays a 500 problem.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "Bad request",
            }),
            // Form reading reports its length limits this way.
            InvalidDataException e when e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "Request too large"),
            _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Records database unavailable"),
            _ => (0, ""),
        };
        if (status == 0)
            return false;
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status, Title = title,
                Detail = status == StatusCodes.Status503ServiceUnavailable ? "The records database does not answer; try again shortly."
                    : exception.InnerException is JsonException json ? $"The body does not fit this request: {json.Message}"
                    : exception.Message,
            },
        });
    }

    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException)
                return true;
        }
        return false;
    }
}
