using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace ResNetService.Api.Security;

/// <summary>
/// The Hangfire dashboard can cancel and requeue jobs, so it needs the admin scope. It is not an endpoint, so the key is
/// read here through the same authentication; a browser is asked for it with a Basic challenge (the key as password),
/// and only here do Basic credentials count.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string Path = "/hangfire";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (result.Succeeded && result.Principal.HasScope(Scopes.Admin))
            return true;
        if (!result.Succeeded)
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"ResNetService dashboard\", charset=\"UTF-8\"";
        return false;
    }
}
