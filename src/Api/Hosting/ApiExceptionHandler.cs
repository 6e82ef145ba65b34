using Microsoft.AspNetCore.Diagnostics;
using ResNetService.Api.Records;

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
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request"),
            // Form reading reports its length limits this way.
            InvalidDataException e when e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "Request too large"),
            _ when RecordsUnavailable.Is(exception) => (StatusCodes.Status503ServiceUnavailable, "Records database unavailable"),
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
                Detail = status == StatusCodes.Status503ServiceUnavailable ? "The records database does not answer; try again shortly." : exception.Message,
            },
        });
    }
}
