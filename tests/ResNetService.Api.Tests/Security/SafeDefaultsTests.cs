using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResNetService.Api.Hosting;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

public sealed class SafeDefaultsTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-defaults-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private string[] UrlsOf(params string[] args)
    {
        var app = ServiceApplication.Build([$"--Storage:DataRoot={_dataRoot}", .. args]);
        return app.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]?.Split(';') ?? [];
    }

    [Fact]
    public void WithoutAKeyTheServiceListensOnLoopbackOnly()
    {
        Assert.Equal([$"http://127.0.0.1:{Listening.DefaultPort}", $"http://[::1]:{Listening.DefaultPort}"], UrlsOf());
        Assert.Contains("Auth__ApiKey", Listening.Choose(new ConfigurationBuilder().Build()).Notice);
    }

    [Theory]
    [InlineData("--Auth:ApiKey=a-secret-of-at-least-32-characters")]
    [InlineData("--Auth:AllowAnonymous=true")]
    public void AKeyOrAKnowingChoiceOpensEveryInterface(string setting)
    {
        Assert.Equal([$"http://*:{Listening.DefaultPort}"], UrlsOf(setting));
    }

    [Fact]
    public void ConfiguredAddressesAreKept()
    {
        Assert.Equal(["http://0.0.0.0:9000"], UrlsOf("--urls=http://0.0.0.0:9000"));
    }

    private static Microsoft.AspNetCore.Http.DefaultHttpContext RequestFrom(IPAddress? address)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        return context;
    }

    [Fact]
    public void RequestsFromElsewhereOrWithoutAnAddressGetNothingWithoutAKey()
    {
        using var factory = new ServiceFactory();
        var anonymous = factory.Service<AnonymousAccess>();

        Assert.Empty(anonymous.ScopesFor(RequestFrom(IPAddress.Parse("10.1.2.3"))));
        Assert.Empty(anonymous.ScopesFor(RequestFrom(null)));
        Assert.Equal([Scopes.Read, Scopes.Train, Scopes.Classify], anonymous.ScopesFor(RequestFrom(IPAddress.IPv6Loopback)));
    }

    [Theory]
    [InlineData("--http_ports=8080")]
    [InlineData("--urls=http://0.0.0.0:8080")]
    [InlineData("--urls=http://127.0.0.1:8080;http://[::]:8080")]
    public void ListeningBeyondLoopbackWithoutAKeyServesNoOneWithoutAKeyAndSaysSo(string setting)
    {
        var app = ServiceApplication.Build([$"--Storage:DataRoot={_dataRoot}", setting]);

        Assert.Empty(app.Services.GetRequiredService<AnonymousAccess>().ScopesFor(RequestFrom(IPAddress.Loopback)));
        var notice = app.Services.GetRequiredService<Listening>().Notice;
        Assert.Contains("listens beyond this machine", notice);
        Assert.Contains("Auth__ApiKey", notice);
    }

    [Fact]
    public void ConfiguredLoopbackAddressesKeepThisMachinesAccess()
    {
        var app = ServiceApplication.Build([$"--Storage:DataRoot={_dataRoot}", "--urls=http://localhost:8080;http://127.0.0.1:9000"]);

        Assert.True(app.Services.GetRequiredService<Listening>().LoopbackOnly);
        Assert.Null(app.Services.GetRequiredService<Listening>().Notice);
    }

    [Fact]
    public async Task ClassificationBeyondTheRateIs429WithRetryAfter()
    {
        using var factory = KeyedService.Start(new() { ["RateLimits:ClassifyPerMinute"] = "2" });
        TestModels.Publish(factory, "tiny", ["a", "b"]);
        var client = factory.ClientWith(factory.KeyWith(Scopes.Classify));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await refused.AssertProblem(HttpStatusCode.TooManyRequests);
        // Another key has a bucket of its own.
        await (await factory.ClientWith(factory.KeyWith(Scopes.Classify)).PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8)))))
            .AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UploadsBeyondTheRateAre429()
    {
        using var factory = KeyedService.Start(new() { ["RateLimits:UploadsPerHour"] = "1" });
        var client = factory.ClientWith(factory.KeyWith(Scopes.Train));

        await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);
        await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnExportIsMadeOnceAndServedFromItsFile()
    {
        using var factory = new ServiceFactory();
        var model = TestModels.Publish(factory, "tiny", ["a", "b"]);
        var client = factory.CreateClient();

        var first = await (await client.GetAsync($"/models/{model.Id}/export?format=safetensors")).Content.ReadAsByteArrayAsync();
        var stored = Path.Combine(factory.DataRoot, "models", model.Id, "exports", "safetensors.safetensors");
        var written = File.GetLastWriteTimeUtc(stored);
        var second = await (await client.GetAsync($"/models/{model.Id}/export?format=safetensors")).Content.ReadAsByteArrayAsync();

        Assert.Equal(first, second);
        Assert.Equal(first, await File.ReadAllBytesAsync(stored));
        Assert.Equal(written, File.GetLastWriteTimeUtc(stored));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "tmp")));
    }

    [Fact]
    public async Task ProblemsNameNoServerFolders()
    {
        using var factory = new ServiceFactory();

        var problem = await (await factory.CreateClient().PostAsync("/datasets", Multipart.Archive(TestArchives.Zip(("notes/readme.txt", "hello"u8.ToArray())))))
            .AssertProblem(HttpStatusCode.BadRequest);
        var health = await (await factory.CreateClient().GetAsync("/health/ready")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(factory.DataRoot, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(factory.DataRoot, health);
    }
}
