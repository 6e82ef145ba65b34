using System.Net;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Security;

/// <summary>
/// What a request without a key may do. While the service has no key at all, everything, but only from this machine
/// (the service then listens on loopback only, too). <c>Auth:AllowAnonymous</c> opens reading, training and
/// classifying to the network; <c>Auth:AnonymousClassify</c> opens classifying alone. Administration (keys, deletes, the
/// dashboard) always needs a key once one exists, and is never opened to the network without one.
/// </summary>
public sealed class AnonymousAccess(IOptions<AuthOptions> options, ApiKeyStore keys)
{
    public bool HasConfiguredKey => !string.IsNullOrEmpty(options.Value.ApiKey);

    public IReadOnlyList<string> ScopesFor(HttpContext context)
    {
        var local = IsLocal(context.Connection.RemoteIpAddress);
        if (local && !HasConfiguredKey && !keys.Any())
            return Scopes.All;
        if (options.Value.AllowAnonymous)
            return [Scopes.Read, Scopes.Train, Scopes.Classify];
        return options.Value.AnonymousClassify ? [Scopes.Classify] : [];
    }

    /// <summary>No address is a request from inside the process (the test server), which is local too.</summary>
    private static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
