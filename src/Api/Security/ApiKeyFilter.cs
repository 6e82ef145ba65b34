namespace ResNetService.Api.Security;

/// <summary>Answers 401 with a problem to requests that lack the API key.</summary>
public sealed class ApiKeyFilter(ApiKeyCheck check) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        check.IsAuthorized(context.HttpContext)
            ? await next(context)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: $"Send the service's API key in the {AuthOptions.HeaderName} header.");
}
