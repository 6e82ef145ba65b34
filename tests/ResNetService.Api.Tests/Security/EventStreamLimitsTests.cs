using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>The real executable (API role: a queued job stays queued, so its event stream stays open) against many streams.</summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class EventStreamLimitsTests : IDisposable
{
    private const string AdminKey = "event-stream-test-admin-key-0123456789";
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-streams-").FullName;
    private ServiceProcess? _service;

    public void Dispose()
    {
        _service?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataRoot, recursive: true);
    }

    [Fact]
    public async Task AKeyHoldsAtMostTheStreamsAllowedAndOneMoreIsA429()
    {
        var (admin, jobId) = await StartWithAQueuedJob();
        using var reader = await ClientWithKey(admin, Scopes.Read);

        using var first = await OpenStream(reader, jobId);
        using var second = await OpenStream(reader, jobId);
        using var third = await reader.GetAsync($"/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);

        // The status first: an open stream's body never ends, so reading it as a problem would wait for ever.
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await third.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("2 event streams open", problem.GetProperty("detail").GetString());
        // Another key has its own streams.
        using var other = await ClientWithKey(admin, Scopes.Read);
        using var ofAnother = await OpenStream(other, jobId);
        first.Dispose();
        using var again = await Eventually(() => reader.GetAsync($"/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead));
    }

    [Fact]
    public async Task AStreamEndsWhenItsKeyIsRevoked()
    {
        var (admin, jobId) = await StartWithAQueuedJob();
        var (reader, keyId) = await CreateKey(admin, Scopes.Read);
        using var stream = await OpenStream(reader, jobId);
        await using var events = await stream.Content.ReadAsStreamAsync();
        using var lines = new StreamReader(events);
        Assert.Equal("event: job", await lines.ReadLineAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/keys/{keyId}")).StatusCode);

        // The stream ends on its own: reading to the end returns (the test's timeout is only a guard against a hang).
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await lines.ReadToEndAsync(guard.Token);
        await (await reader.GetAsync($"/jobs/{jobId}")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    private async Task<(HttpClient Admin, string JobId)> StartWithAQueuedJob()
    {
        _service = ServiceProcess.Start("api", new Dictionary<string, string>
        {
            ["Storage:DataRoot"] = _dataRoot, ["Training:Device"] = "cpu", ["Auth:ApiKey"] = AdminKey, ["RateLimits:EventStreamsPerKey"] = "2",
        }, ServiceProcess.FreeLoopbackUrl());
        var admin = await _service.ReadyClientAsync();
        admin.DefaultRequestHeaders.Add(AuthOptions.HeaderName, AdminKey);
        var dataset = await admin.UploadDataset(TestArchives.ImageFolderZip(2, "cat", "dog"), "pets.zip");
        var job = await (await admin.PostAsJsonAsync("/jobs", new { datasetId = dataset, model = new { depth = 8 }, training = new { epochs = 1 } }))
            .AssertJson(HttpStatusCode.Accepted);
        return (admin, job.GetProperty("id").GetString()!);
    }

    private async Task<HttpClient> ClientWithKey(HttpClient admin, string scope) => (await CreateKey(admin, scope)).Client;

    private async Task<(HttpClient Client, string KeyId)> CreateKey(HttpClient admin, string scope)
    {
        var created = await (await admin.PostAsJsonAsync("/keys", new { name = $"reader-{Guid.NewGuid():N}", scopes = new[] { scope } }))
            .AssertJson(HttpStatusCode.Created);
        var client = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, created.GetProperty("secret").GetString());
        return (client, created.GetProperty("key").GetProperty("id").GetString()!);
    }

    private static async Task<HttpResponseMessage> OpenStream(HttpClient client, string jobId)
    {
        var response = await client.GetAsync($"/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    /// <summary>The server sees a closed stream a moment after the client closes it: ask until it answers 200.</summary>
    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> open)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var response = await open();
            if (response.StatusCode == HttpStatusCode.OK)
                return response;
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "A closed stream's place was never given to a new one.");
            await Task.Delay(100);
        }
    }
}
