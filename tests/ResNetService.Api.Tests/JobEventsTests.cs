using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class JobEventsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const int Epochs = 2;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheStreamCarriesEachEpochAndTheJobAndEndsWithTheJob()
    {
        var datasetId = (await (await _client.PostAsync("/datasets", Multipart.Archive(LearnableDataset.Zip(48, 8)))).AssertJson(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var jobId = (await (await _client.PostAsJsonAsync("/jobs", new { datasetId, model = new { depth = 8 }, training = new { epochs = Epochs, batchSize = 8 } }))
            .AssertJson(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        using var response = await _client.GetAsync($"/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await EventStreams.ReadAllAsync(await response.Content.ReadAsStreamAsync());

        var epochs = events.Where(e => e.Name == "epoch").Select(e => e.Data.GetProperty("epoch").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, Epochs), epochs);
        var jobs = events.Where(e => e.Name == "job").Select(e => e.Data).ToList();
        Assert.Equal("succeeded", jobs[^1].GetProperty("state").GetString());
        Assert.Equal("job", events[^1].Name);
        Assert.All(jobs, job => Assert.Equal(jobId, job.GetProperty("id").GetString()));
        // Only changes are sent: no two consecutive job events are the same document.
        Assert.All(jobs.Zip(jobs.Skip(1)), pair => Assert.NotEqual(pair.First.GetRawText(), pair.Second.GetRawText()));
        var finished = await (await _client.GetAsync($"/jobs/{jobId}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(finished.GetProperty("latestMetrics").GetRawText(), jobs[^1].GetProperty("latestMetrics").GetRawText());
        Assert.True(jobs[^1].GetProperty("progress").GetProperty("loss").GetDouble() > 0);
    }

    [Fact]
    public async Task AnUnknownJobHasNoStream() =>
        await (await _client.GetAsync("/jobs/00000000000000000000000000000000/events")).AssertProblem(HttpStatusCode.NotFound);
}
