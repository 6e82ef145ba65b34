using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Records;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Import;
using ResNetService.Training.Data;

namespace ResNetService.Api.Hosting;

/// <summary>
/// The one place exceptions become problems: the server's own refusals of a request (a body it cannot bind, one too
/// large), what the endpoints let pass (<see cref="ProblemException"/>, a model file that cannot be read, weights or a
/// dataset that are refused), and a records database that does not answer (503). Anything else stays a 500 problem.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var answer = Answer(exception);
        if (answer is null && RecordsUnavailable.Is(exception))
        {
            // Answered, so the middleware records nothing of it: what the database said is logged here.
            logger.LogWarning(exception, "The records database does not answer");
            answer = (Problem(StatusCodes.Status503ServiceUnavailable, "Records database unavailable", "The records database does not answer; try again shortly."),
                DatabaseRetryAfter);
        }
        if (answer is not { } answered)
            return false;
        var (problem, retryAfter) = answered;
        context.Response.StatusCode = problem.Status!.Value;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    private static (ProblemDetails Problem, TimeSpan? RetryAfter)? Answer(Exception exception) => exception switch
    {
        BadHttpRequestException e => (Problem(e.StatusCode, TitleOf(e.StatusCode),
            e.InnerException is JsonException json ? $"The body does not fit this request: {json.Message}" : e.Message), null),
        // Form reading reports its length limits this way.
        InvalidDataException e when e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
            (Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", e.Message), null),
        ProblemException e => (Problem(e.Status, e.Title, e.Message), e.RetryAfter),
        CheckpointException e => (Problem(StatusCodes.Status404NotFound, "Model unavailable", e.Message), null),
        WeightsImportException e => (new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [.. e.Problems] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "Weights refused", Detail = e.Message,
        }, null),
        DatasetException e => (Problem(StatusCodes.Status400BadRequest, "Dataset refused", e.Message), null),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Bad request",
    };
}
