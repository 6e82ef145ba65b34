using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>
/// Every endpoint the service maps, read from its own endpoint table (so a new one cannot be forgotten), against every
/// kind of caller: no key, a wrong key, a key without the endpoint's scope, and one with it.
/// </summary>
public sealed class EndpointScopeTests : IClassFixture<EndpointScopeTests.Service>
{
    /// <summary>The only endpoints anyone may call: the orchestrator's probes.</summary>
    private static readonly string[] Open = ["GET /health/live", "GET /health/ready"];

    private const string SomeId = "0123456789abcdef0123456789abcdef";
    private readonly Service _service;

    public EndpointScopeTests(Service service) => _service = service;

    public sealed class Service : IDisposable
    {
        public ServiceFactory Factory { get; } = KeyedService.Start();

        public void Dispose() => Factory.Dispose();
    }

    private List<(string Method, string Route, string? Scope, bool Multipart)> Endpoints() =>
        _service.Factory.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<RequiredScope>()?.Name,
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true)))
            .ToList();

    [Fact]
    public void EveryEndpointButTheProbesNeedsAScope()
    {
        var endpoints = Endpoints();

        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        Assert.Equal(Open, endpoints.Where(e => e.Scope is null).Select(e => $"{e.Method} {e.Route}").Order());
    }

    [Fact]
    public async Task EachEndpointRefusesCallersWithoutItsScopeBeforeDoingAnything()
    {
        var factory = _service.Factory;
        var wrongScope = new Dictionary<string, string>
        {
            [Scopes.Read] = factory.KeyWith(Scopes.Classify, Scopes.Train),
            [Scopes.Train] = factory.KeyWith(Scopes.Read, Scopes.Classify),
            [Scopes.Classify] = factory.KeyWith(Scopes.Read, Scopes.Train),
            [Scopes.Admin] = factory.KeyWith(Scopes.Read, Scopes.Train, Scopes.Classify),
        };
        var rightScope = Scopes.All.ToDictionary(s => s, s => factory.KeyWith(s));
        var failures = new List<string>();

        foreach (var (method, route, scope, multipart) in Endpoints().Where(e => e.Scope is not null))
        {
            var path = route.Replace("{id}", SomeId, StringComparison.Ordinal);
            await Expect(method, path, multipart, null, HttpStatusCode.Unauthorized);
            await Expect(method, path, multipart, "rns_not-a-key", HttpStatusCode.Unauthorized);
            await Expect(method, path, multipart, wrongScope[scope!], HttpStatusCode.Forbidden);
            var allowed = await Send(method, path, multipart, rightScope[scope!]);
            if (allowed is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                failures.Add($"{method} {route} with the {scope} scope: {allowed}");
        }
        Assert.Empty(failures);

        async Task Expect(string method, string path, bool multipart, string? key, HttpStatusCode expected)
        {
            var status = await Send(method, path, multipart, key);
            if (status != expected)
                failures.Add($"{method} {path} with {(key is null ? "no key" : key)}: {status}, expected {expected}");
        }
    }

    private async Task<HttpStatusCode> Send(string method, string path, bool multipart, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (multipart)
            request.Content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.bin" } };
        else if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _service.Factory.ClientWith(key).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return response.StatusCode;
    }
}
