using System.Net;
using ResNetService.Api.Hosting.Configuration;

namespace ResNetService.Api.Security;

/// <summary>
/// Where the service listens. When <c>Urls</c> and <c>HTTP_PORTS</c> leave it open: port 8080 on every interface once
/// keys protect it (or anonymous access is chosen knowingly), else on loopback only, with a line that says how to open
/// it. Configured addresses are kept; when they reach beyond this machine without a key, a line says so too (the
/// container image sets <c>ASPNETCORE_HTTP_PORTS</c>, which binds every interface).
/// </summary>
/// <param name="LoopbackOnly">Whether only this machine can connect: then requests without a key from loopback are this machine's own.</param>
public sealed record Listening(string? Urls, string? Notice, bool LoopbackOnly)
{
    public const int DefaultPort = 8080;

    public static Listening Choose(IConfiguration configuration)
    {
        var auth = new AuthOptions();
        Settings.Bind(configuration.GetSection(AuthOptions.Section), auth);
        var keyless = string.IsNullOrEmpty(auth.ApiKey) && !auth.AllowAnonymous;
        if (Configured(configuration) is { Count: > 0 } configured)
        {
            var loopbackOnly = configured.All(IsLoopback);
            return new Listening(null, loopbackOnly || !keyless ? null :
                $"Auth__ApiKey is not set and the service listens beyond this machine ({string.Join(", ", configured)}): requests without a key are "
                + "refused, from this machine too. Set Auth__ApiKey (at least 32 characters) or make keys on the server with 'keys create'; "
                + "Auth__AllowAnonymous=true serves the network without keys, knowingly.", loopbackOnly);
        }
        if (!keyless)
            return new Listening($"http://*:{DefaultPort}", null, LoopbackOnly: false);
        return new Listening($"http://127.0.0.1:{DefaultPort};http://[::1]:{DefaultPort}",
            "No API key is configured, so the service listens on 127.0.0.1 and ::1 only, and requests from this machine may read, train and "
            + "classify without a key; keys, deletes and the dashboard need the admin key. To serve the network, set Auth__ApiKey (the admin key, "
            + "at least 32 characters; more keys with POST /keys or 'keys create'), or set Auth__AllowAnonymous=true to serve it without keys, knowingly.",
            LoopbackOnly: true);
    }

    /// <summary>The addresses configuration asks for: <c>Urls</c>, <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (every interface) and Kestrel's endpoints.</summary>
    private static List<string> Configured(IConfiguration configuration)
    {
        var addresses = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
            addresses.AddRange((configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{scheme}://*:{port}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    /// <summary>A loopback address or <c>localhost</c>; <c>*</c>, <c>+</c>, <c>0.0.0.0</c>, another host or address reach further.</summary>
    private static bool IsLoopback(string address)
    {
        string host;
        try
        {
            host = BindingAddress.Parse(address).Host;
        }
        catch (FormatException)
        {
            // Kestrel refuses it when it binds; until then it is not known to stay on this machine.
            return false;
        }
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
