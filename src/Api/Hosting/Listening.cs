using ResNetService.Api.Security;

namespace ResNetService.Api.Hosting;

/// <summary>
/// Where the service listens when <c>Urls</c> and <c>HTTP_PORTS</c> leave it open: port 8080 on every interface once
/// keys protect it (or anonymous access is chosen knowingly), else on loopback only, with a line that says how to open it.
/// </summary>
public sealed record Listening(string? Urls, string? Notice)
{
    public const int DefaultPort = 8080;

    public static Listening Choose(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration["urls"]) || !string.IsNullOrEmpty(configuration["http_ports"]) || !string.IsNullOrEmpty(configuration["https_ports"]))
            return new Listening(null, null);
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!string.IsNullOrEmpty(auth.ApiKey) || auth.AllowAnonymous)
            return new Listening($"http://*:{DefaultPort}", null);
        return new Listening($"http://127.0.0.1:{DefaultPort};http://[::1]:{DefaultPort}",
            $"No API key is configured, so the service listens on 127.0.0.1 and ::1 only. To serve the network, set Auth__ApiKey " +
            "(the admin key; more keys with POST /keys or 'keys create'), or set Auth__AllowAnonymous=true to serve it without keys, knowingly.");
    }
}
