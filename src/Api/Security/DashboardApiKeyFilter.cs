using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;

namespace ResNetService.Api.Security;

/// <summary>
/// The Hangfire dashboard can cancel and requeue jobs, so it takes the same key as the mutating endpoints. A browser
/// cannot add an X-Api-Key header, so the dashboard also accepts the key as the password of HTTP Basic authentication
/// (any user name) and asks for it with a Basic challenge.
/// </summary>
public sealed class DashboardApiKeyFilter(ApiKeyCheck check) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (check.IsAuthorized(http) || check.IsAuthorized(BasicPassword(http.Request)))
            return true;
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"ResNetService dashboard\", charset=\"UTF-8\"";
        return false;
    }

    private static string BasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return "";
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? "" : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
