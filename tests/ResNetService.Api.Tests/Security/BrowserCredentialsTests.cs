using System.Net;
using System.Text;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>
/// A page on another site makes the visitor's browser post a form to the service: no request may ride on what the
/// browser holds (Basic credentials it stored for the dashboard), nor be taken when the browser says it is cross-site.
/// </summary>
public sealed class BrowserCredentialsTests
{
    private static string Basic(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{key}"));

    private static HttpRequestMessage DatasetUpload(params (string Header, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/datasets") { Content = Multipart.Archive(TestArchives.ImageFolderZip()) };
        foreach (var (header, value) in headers)
            request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static void AssertNothingStored(ServiceFactory factory) =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "datasets")));

    [Fact]
    public async Task BasicCredentialsCountOnTheDashboardOnly()
    {
        using var factory = KeyedService.Start();

        var problem = await (await factory.CreateClient().SendAsync(DatasetUpload(("Authorization", $"Basic {Basic(KeyedService.BootstrapKey)}"))))
            .AssertProblem(HttpStatusCode.Unauthorized);

        Assert.Contains("dashboard (/hangfire) only", problem.GetProperty("detail").GetString());
        AssertNothingStored(factory);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Site")]
    [InlineData("Origin", "https://elsewhere.example", "https://elsewhere.example")]
    [InlineData("Origin", "null", "null")]
    public async Task AStateChangingRequestFromAnotherSiteIsRefusedEvenWithAKey(string header, string value, string named)
    {
        using var factory = KeyedService.Start();

        var problem = await (await factory.ClientWith(KeyedService.BootstrapKey).SendAsync(DatasetUpload((header, value))))
            .AssertProblem(HttpStatusCode.Forbidden);

        Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        AssertNothingStored(factory);
        await (await factory.ClientWith(KeyedService.BootstrapKey).SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/keys/{new string('0', 32)}")
        {
            Headers = { { header, value } },
        })).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheServicesOwnPagesAndOtherClientsAreServed()
    {
        using var factory = KeyedService.Start();
        var client = factory.ClientWith(KeyedService.BootstrapKey);

        // As the web console's fetch sends it: same origin, the key in a header.
        await (await client.SendAsync(DatasetUpload(("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")))).AssertJson(HttpStatusCode.Created);
        // A cross-site page may still read what needs no change (the browser keeps the answer from it).
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/datasets") { Headers = { { "Sec-Fetch-Site", "cross-site" } } }))
            .AssertJson(HttpStatusCode.OK);
        // curl and the generated clients send neither header.
        await (await client.SendAsync(DatasetUpload())).AssertJson(HttpStatusCode.Created);
    }
}
