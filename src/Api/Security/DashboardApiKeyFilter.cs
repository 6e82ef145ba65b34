using Hangfire.Dashboard;

namespace ResNetService.Api.Security;

/// <summary>The Hangfire dashboard can cancel and requeue jobs, so it takes the same key as the mutating endpoints.</summary>
public sealed class DashboardApiKeyFilter(ApiKeyCheck check) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => check.IsAuthorized(context.GetHttpContext());
}
