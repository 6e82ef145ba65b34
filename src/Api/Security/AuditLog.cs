using System.Security.Claims;

namespace ResNetService.Api.Security;

/// <summary>Every request that may change something is logged with who made it (the key's name and prefix), the route and the status.</summary>
public sealed class AuditLog(RequestDelegate next, ILogger<AuditLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.ToUriComponent();
                // The path as it was sent (escaped), never decoded: a decoded %0A would start a forged line of its own.
                logger.LogInformation("Audit: {Method} {Route} ({Path}) by key {KeyName} {KeyPrefix} answered {Status}",
                    context.Request.Method, route, context.Request.Path.ToUriComponent(), context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyNameClaim) ?? "(none)",
                    context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyPrefixClaim) ?? "", context.Response.StatusCode);
            }
        }
    }
}
