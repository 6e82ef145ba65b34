using System.Net.Http.Headers;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>The service with a bootstrap key, and clients that present keys in each way the service accepts.</summary>
public static class KeyedService
{
    public const string BootstrapKey = "bootstrap-admin-key-0123456789abcdefghij";

    public static ServiceFactory Start(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Auth:ApiKey"] = BootstrapKey };
        foreach (var (key, value) in more ?? [])
            settings[key] = value;
        return ServiceFactory.With(settings);
    }

    /// <summary>A key made in the service's records with exactly these scopes; returns its secret.</summary>
    public static string KeyWith(this ServiceFactory factory, params string[] scopes) =>
        factory.Service<ApiKeyStore>().Create($"key-{string.Join("-", scopes)}", scopes).Secret;

    public static HttpClient ClientWith(this ServiceFactory factory, string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, key);
        return client;
    }

    public static HttpClient BearerClient(this ServiceFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
