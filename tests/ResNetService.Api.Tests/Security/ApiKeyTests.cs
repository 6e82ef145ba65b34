using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData(null, "API key required")]
    [InlineData("wrong", "API key not valid")]
    [InlineData(KeyedService.BootstrapKey + "x", "API key not valid")]
    public async Task WithoutAValidKeyNothingIsStored(string? presented, string title)
    {
        using var factory = KeyedService.Start();

        var problem = await (await factory.ClientWith(presented).PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip())))
            .AssertProblem(HttpStatusCode.Unauthorized);

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "datasets")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "tmp")));
    }

    [Fact]
    public async Task AKeyWithTheScopeIsLetThroughAndOneWithoutIsForbidden()
    {
        using var factory = KeyedService.Start();
        var reader = factory.ClientWith(factory.KeyWith(Scopes.Read));

        await (await reader.GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
        var problem = await (await reader.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Contains("'train' scope", problem.GetProperty("detail").GetString());
        await (await factory.BearerClient(factory.KeyWith(Scopes.Train)).PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip())))
            .AssertJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task KeysMadeOverHttpWorkAtOnceAndRevokedOnesFailAtOnce()
    {
        using var factory = KeyedService.Start();
        var admin = factory.ClientWith(KeyedService.BootstrapKey);

        var created = await (await admin.PostAsJsonAsync("/keys", new { name = "ci", scopes = new[] { "read", "train" } })).AssertJson(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("key").GetProperty("id").GetString()!;
        var ci = factory.ClientWith(secret);
        await (await ci.GetAsync("/jobs")).AssertJson(HttpStatusCode.OK);

        var listed = await (await admin.GetAsync("/keys")).AssertJson(HttpStatusCode.OK);
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal(["read", "train"], row.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith(row.GetProperty("prefix").GetString()!, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.GetRawText());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, row.GetProperty("lastUsedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/keys/{id}")).StatusCode);
        await (await ci.GetAsync("/jobs")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OnlyAdminsManageKeys()
    {
        using var factory = KeyedService.Start();

        await (await factory.ClientWith(factory.KeyWith(Scopes.Train, Scopes.Read)).PostAsJsonAsync("/keys", new { name = "x", scopes = new[] { "admin" } }))
            .AssertProblem(HttpStatusCode.Forbidden);
        var problem = await (await factory.ClientWith(KeyedService.BootstrapKey).PostAsJsonAsync("/keys", new { name = "", scopes = new[] { "root" } }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Contains("root", problem.GetProperty("errors").GetProperty("scopes")[0].GetString());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic bm8tY29sb24=")]
    [InlineData("Digest username=x")]
    [InlineData("\u00e9\u00e9")]
    public async Task MalformedAuthorizationHeadersAre401NotErrors(string header)
    {
        using var factory = KeyedService.Start();
        var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        await (await factory.CreateClient().SendAsync(request)).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("admin:" + KeyedService.BootstrapKey, HttpStatusCode.OK)]
    [InlineData(":" + KeyedService.BootstrapKey, HttpStatusCode.OK)]
    [InlineData("admin:wrong", HttpStatusCode.Unauthorized)]
    public async Task BrowsersReachTheDashboardWithAnAdminKeyAsBasicPassword(string credentials, HttpStatusCode expected)
    {
        using var factory = KeyedService.Start();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task TheDashboardNeedsTheAdminScope()
    {
        using var factory = KeyedService.Start();

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientWith(factory.KeyWith(Scopes.Read, Scopes.Train)).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientWith(factory.KeyWith(Scopes.Admin)).GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task AnonymousClassifyOpensClassificationAlone()
    {
        using var factory = KeyedService.Start(new() { ["Auth:AnonymousClassify"] = "true" });
        TestModels.Publish(factory, "tiny", ["a", "b"]);
        var anonymous = factory.CreateClient();

        await (await anonymous.PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertJson(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/models")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutAnyKeyThisMachineMayUseButNotAdministerTheService()
    {
        using var factory = new ServiceFactory();

        var created = await (await factory.CreateClient().PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);
        await (await factory.CreateClient().DeleteAsync($"/datasets/{created.GetProperty("id").GetString()}")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/keys", new { name = "me", scopes = new[] { "admin" } })).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClient().GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task DeletingAFinishedJobNeedsAdminWhereCancellingNeedsTrain()
    {
        using var factory = KeyedService.Start();
        var run = factory.Service<ResNetService.Api.Runs.RunStore>().Recorded(new ResNetService.Api.Records.RunRow
        {
            Id = ResNetService.Api.Storage.ResourceIds.New(), Name = "done", DatasetId = RecordedRuns.NewDataset(factory.Service<ResNetService.Api.Records.RecordsDatabase>()),
            Model = new() { Depth = 8 }, Training = new(), State = ResNetService.Api.Records.JobState.Failed, CreatedAt = DateTimeOffset.UtcNow,
        });

        var problem = await (await factory.ClientWith(factory.KeyWith(Scopes.Train)).DeleteAsync($"/jobs/{run.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Contains("admin", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await factory.ClientWith(factory.KeyWith(Scopes.Admin)).DeleteAsync($"/jobs/{run.Id}")).StatusCode);
    }
}
