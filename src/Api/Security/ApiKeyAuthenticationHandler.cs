using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Security;

/// <summary>
/// Reads the key from <c>X-Api-Key</c>, <c>Authorization: Bearer</c> or, on the dashboard only, the password of HTTP
/// Basic authentication, and makes a principal with the key's scopes. It runs before the endpoint, so a request without a
/// valid key is refused before a byte of its body is read. Without a key, a request gets the scopes
/// <see cref="AnonymousAccess"/> allows, if any.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggers, UrlEncoder encoder,
    IOptions<AuthOptions> auth, ApiKeyStore keys, AnonymousAccess anonymous, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyNameClaim = "key_name";
    public const string KeyPrefixClaim = "key_prefix";
    public const string KeyIdClaim = "key_id";
    public const string AnonymousClaim = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (presented, malformed) = PresentedKey(Request);
        if (malformed is not null)
            return Task.FromResult(AuthenticateResult.Fail(malformed));
        if (presented is null)
        {
            // ASP.NET Core authenticates every request with its only scheme; an endpoint that needs no scope (the
            // health probes) must not depend on the records database that the anonymous rules read.
            if (Context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<RequiredScope>() is null)
                return Task.FromResult(AuthenticateResult.NoResult());
            var scopes = anonymous.ScopesFor(Context);
            return Task.FromResult(scopes.Count == 0 ? AuthenticateResult.NoResult() : Success("anonymous", "", null, scopes, anonymous: true));
        }
        if (IsBootstrapKey(presented))
            return Task.FromResult(Success("configuration", "", null, [Scopes.Admin]));
        return Task.FromResult(keys.Find(presented) is { } key
            ? Success(key.Name, key.Prefix, key.Id, key.Scopes)
            : AuthenticateResult.Fail("The API key is not valid: mistyped, revoked, or from another installation."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        // Bearer only: a Basic challenge would make browsers pop up a login box over the console's own key field.
        Response.Headers.WWWAuthenticate = "Bearer realm=\"ResNetService\"";
        await Write(StatusCodes.Status401Unauthorized, failure is null ? "API key required" : "API key not valid",
            failure?.Message ?? $"Send an API key in the {AuthOptions.HeaderName} header or as 'Authorization: Bearer <key>'{RequiredScopeText()}."
                + (HasBasicCredentials(Request) && !IsForDashboard(Request) ? $" Basic credentials count on the dashboard ({DashboardAuthorization.Path}) only." : ""));
    }

    /// <summary>A request without a key that may not do this is asked for one (401); a key without the scope is refused (403).</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.User.HasClaim(c => c.Type == AnonymousClaim)
            ? HandleChallengeAsync(properties)
            : Write(StatusCodes.Status403Forbidden, "Scope missing",
                $"The key '{Context.User.FindFirstValue(KeyNameClaim)}' may not do this{RequiredScopeText()}; it has {string.Join(", ", Context.User.FindAll(Scopes.ClaimType).Select(c => c.Value))}.");

    private string RequiredScopeText() =>
        Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>() is { } scope ? $": it needs the '{scope.Name}' scope" : "";

    private Task Write(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = { Status = status, Title = title, Detail = detail } }).AsTask();
    }

    private AuthenticateResult Success(string name, string prefix, string? id, IEnumerable<string> scopes, bool anonymous = false)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(KeyNameClaim, name), new(KeyPrefixClaim, prefix) };
        if (anonymous)
            claims.Add(new Claim(AnonymousClaim, "true"));
        if (id is not null)
            claims.Add(new Claim(KeyIdClaim, id));
        claims.AddRange(scopes.Select(s => new Claim(Scopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private bool IsBootstrapKey(string presented) =>
        auth.Value.ApiKey is { Length: > 0 } configured
        // Constant time, so response timing does not reveal how much of a guess was right.
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured));

    /// <returns>The key, or null when none was sent; or why the credentials cannot be read.</returns>
    private static (string? Key, string? Malformed) PresentedKey(HttpRequest request)
    {
        if (request.Headers[AuthOptions.HeaderName] is { Count: > 0 } header)
            return string.IsNullOrWhiteSpace(header.ToString()) ? (null, $"The {AuthOptions.HeaderName} header is empty.") : (header.ToString().Trim(), null);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
            return (null, null);
        if (!AuthenticationHeaderValue.TryParse(authorization, out var value) || string.IsNullOrWhiteSpace(value.Parameter))
            return (null, "The Authorization header is not 'Bearer <key>'.");
        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return (value.Parameter, null);
        if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return IsForDashboard(request) ? BasicPassword(value.Parameter) : (null, null);
        return (null, $"The Authorization scheme '{value.Scheme}' is not supported; use 'Bearer <key>'.");
    }

    /// <summary>
    /// A browser sends stored Basic credentials with every request to the host, whichever page made it, so they count
    /// only where a browser is asked for them: the dashboard. Elsewhere they are as good as none.
    /// </summary>
    private static bool IsForDashboard(HttpRequest request) => request.Path.StartsWithSegments(DashboardAuthorization.Path);

    private static bool HasBasicCredentials(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    /// <summary>A browser cannot add a header, so on the dashboard it gives the key as the Basic password (any user name).</summary>
    private static (string?, string?) BasicPassword(string parameter)
    {
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = credentials.IndexOf(':');
            return colon < 0 || colon == credentials.Length - 1 ? (null, "The Basic credentials hold no password (the key).") : (credentials[(colon + 1)..], null);
        }
        catch (FormatException)
        {
            return (null, "The Basic credentials are not base64.");
        }
    }
}
