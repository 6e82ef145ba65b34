using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>
/// The real executable without any key, on loopback, as a person runs it on their own machine; and a proxy on the same
/// machine (nginx, ssh -L, socat) in front of it, whose requests also come from loopback.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class LocalAccessTests : IDisposable
{
    private const string SomeId = "0123456789abcdef0123456789abcdef";
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-local-").FullName;
    private readonly string _url = ServiceProcess.FreeLoopbackUrl();
    private ServiceProcess? _service;

    public void Dispose()
    {
        _service?.Dispose();
        Directory.Delete(_dataRoot, recursive: true);
    }

    private async Task<HttpClient> StartWithoutAnyKey()
    {
        _service = ServiceProcess.Start("all", new Dictionary<string, string> { ["Storage:DataRoot"] = _dataRoot, ["Training:Device"] = "cpu" }, _url);
        return await _service.ReadyClientAsync();
    }

    [Fact]
    public async Task WithoutAKeyThisMachineMayUseButNeverAdministerTheService()
    {
        var client = await StartWithoutAnyKey();

        await (await client.GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/keys", new { name = "mine", scopes = new[] { "admin" } })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync($"/datasets/{SomeId}")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync($"/models/{SomeId}")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.PutAsJsonAsync("/models/default", new { modelId = SomeId })).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task ARequestAProxyForwardedIsNotThisMachines(string header, string value)
    {
        var client = await StartWithoutAnyKey();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/datasets");
        request.Headers.Add(header, value);

        await (await client.SendAsync(request)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
    }
}
