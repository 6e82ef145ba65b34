namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>
/// A request the service refuses, or cannot serve now, with the problem to answer it with. An endpoint lets it pass:
/// <see cref="ApiExceptionHandler"/> writes every one the same way.
/// </summary>
/// <param name="retryAfter">For a service that is busy: when to try again, sent as Retry-After.</param>
public class ProblemException(int status, string title, string detail, TimeSpan? retryAfter = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
