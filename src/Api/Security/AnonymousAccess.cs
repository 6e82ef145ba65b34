using System.Net;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Security;

/// <summary>
/// What a request without a key may do. While the service has no key at all and listens on loopback only, reading,
/// training and classifying, from this machine alone: a request that a proxy forwarded (it says so in a header) or that
/// came without an address is not this machine's. <c>Auth:AllowAnonymous</c> opens the same to the network;
/// <c>Auth:AnonymousClassify</c> opens classifying alone. Administration (keys, deletes, the default model, the
/// dashboard) always needs a key, so a proxy on this machine can never make its remote clients administrators.
/// </summary>
public sealed class AnonymousAccess(IOptions<AuthOptions> options, ApiKeyStore keys, Listening listening)
{
    /// <summary>Headers a proxy adds; whoever sent a request that carries one is elsewhere, whatever address it came from.</summary>
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

    private static readonly IReadOnlyList<string> Unadministered = [Scopes.Read, Scopes.Train, Scopes.Classify];

    public bool HasConfiguredKey => !string.IsNullOrEmpty(options.Value.ApiKey);

    public IReadOnlyList<string> ScopesFor(HttpContext context)
    {
        if (options.Value.AllowAnonymous || (listening.LoopbackOnly && IsLocal(context) && !HasConfiguredKey && !keys.Any()))
            return Unadministered;
        return options.Value.AnonymousClassify ? [Scopes.Classify] : [];
    }

    /// <summary>
    /// A connection from a loopback address, not forwarded. Kestrel gives every TCP connection its address; one without
    /// (a Unix socket, which a proxy may use too) is not known to be local.
    /// </summary>
    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
}
