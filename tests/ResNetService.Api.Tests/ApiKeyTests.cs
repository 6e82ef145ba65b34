using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class ApiKeyTests
{
    private const string Key = "s3cret-key";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("s3cret-ke")]
    public async Task MutatingEndpointsNeedTheKey(string? presented)
    {
        using var factory = ServiceFactory.With(new() { ["Auth:ApiKey"] = Key });
        var client = WithKey(factory.CreateClient(), presented);

        var problem = await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        await (await client.DeleteAsync("/models/0123456789abcdef0123456789abcdef")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.PutAsJsonAsync("/models/default", new { modelId = "0123456789abcdef0123456789abcdef" })).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "datasets")));
    }

    [Fact]
    public async Task TheRightKeyIsLetThroughAndReadsNeedNone()
    {
        using var factory = ServiceFactory.With(new() { ["Auth:ApiKey"] = Key });
        var client = WithKey(factory.CreateClient(), Key);

        await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
        await (await factory.CreateClient().GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("admin:" + Key, HttpStatusCode.OK)]
    [InlineData(":" + Key, HttpStatusCode.OK)]
    [InlineData("admin:wrong", HttpStatusCode.Unauthorized)]
    [InlineData("no-colon", HttpStatusCode.Unauthorized)]
    public async Task BrowsersReachTheDashboardWithTheKeyAsBasicPassword(string credentials, HttpStatusCode expected)
    {
        using var factory = ServiceFactory.With(new() { ["Auth:ApiKey"] = Key });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ClassifyNeedsTheKeyOnlyWhenConfigured()
    {
        using var open = ServiceFactory.With(new() { ["Auth:ApiKey"] = Key });
        using var closed = ServiceFactory.With(new() { ["Auth:ApiKey"] = Key, ["Auth:RequireKeyForClassify"] = "true" });
        TestModels.Publish(open, "tiny", ["a", "b"]);
        TestModels.Publish(closed, "tiny", ["a", "b"]);

        await (await open.CreateClient().PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertJson(HttpStatusCode.OK);
        await (await closed.CreateClient().PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertProblem(HttpStatusCode.Unauthorized);
        await (await WithKey(closed.CreateClient(), Key).PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutAConfiguredKeyNothingIsAsked()
    {
        using var factory = new ServiceFactory();

        await (await factory.CreateClient().PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);
    }

    private static HttpClient WithKey(HttpClient client, string? key)
    {
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
