using Microsoft.AspNetCore.Authentication;

namespace ResNetService.Api.Security;

public static class ScopeAuthorization
{
    private const string PolicyPrefix = "scope:";

    /// <summary>API-key authentication and one authorization policy per scope.</summary>
    public static IServiceCollection AddScopedKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AnonymousAccess>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization =>
        {
            foreach (var scope in Scopes.All)
                authorization.AddPolicy(PolicyPrefix + scope, policy => policy
                    .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                    .RequireAssertion(context => context.User.HasScope(scope)));
        });
        return services;
    }

    /// <summary>Only keys with <paramref name="scope"/> (or admin) may call the endpoint; checked before its body is read.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyPrefix + scope).WithMetadata(new RequiredScope(scope));

    public static bool HasScope(this System.Security.Claims.ClaimsPrincipal user, string scope) =>
        Scopes.Grants(user.FindAll(Scopes.ClaimType).Select(c => c.Value), scope);
}
