namespace ResNetService.Api.Security;

/// <summary>
/// Refuses requests that may change something when a browser sends them on another site's behalf (cross-site request
/// forgery: a form posted from elsewhere needs no preflight): the browser says so in <c>Sec-Fetch-Site</c>, or its
/// <c>Origin</c> is not this service's (the <c>Host</c> the request was sent to). Clients that are not browsers send
/// neither header; the web console's own requests are same-origin.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || Foreign(request) is not { } reason)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden, Title = "Cross-site request refused",
                Detail = $"{reason} Requests that change something are taken from this service's own pages and from clients that are not browsers.",
            },
        });
    }

    private static string? Foreign(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
            return "The browser sent it from another site (Sec-Fetch-Site: cross-site).";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            return null;
        return $"It comes from a page of {origin}, not of this service ({request.Host.Value}).";
    }
}
