using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class JobsApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    // Deleting a dataset needs the admin scope, which requests without a key never have.
    private readonly HttpClient _client = factory.ClientWith(factory.KeyWith(Scopes.Admin));

    [Fact]
    public async Task UploadTrainPollAndClassify()
    {
        var datasetId = await UploadDataset();

        var response = await _client.PostAsJsonAsync("/jobs", new
        {
            datasetId,
            name = "e2e",
            model = new { depth = 8 },
            training = new { epochs = 2, batchSize = 4, learningRate = 0.05 },
        });
        var accepted = await response.AssertJson(HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/jobs/{jobId}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", accepted.GetProperty("state").GetString());

        var job = await _client.PollJobUntilFinished(jobId);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        Assert.Equal(100, job.GetProperty("progress").GetProperty("percent").GetDouble(), 3);
        Assert.Equal(2, job.GetProperty("latestMetrics").GetProperty("epoch").GetInt32());
        var metrics = await (await _client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(2, metrics.GetArrayLength());

        var modelId = job.GetProperty("modelId").GetString()!;
        var model = await (await _client.GetAsync($"/models/{modelId}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(jobId, model.GetProperty("sourceJobId").GetString());
        var test = model.GetProperty("metrics").GetProperty("test");
        Assert.Equal(2, test.GetProperty("perClass").GetArrayLength());
        Assert.Equal(2, test.GetProperty("confusionMatrix").GetArrayLength());
        var metricsOfModel = model.GetProperty("metrics");
        Assert.Equal(test.GetProperty("accuracy").GetDouble(), metricsOfModel.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(test.GetProperty("loss").GetDouble(), metricsOfModel.GetProperty("testLoss").GetDouble());
        Assert.InRange(metricsOfModel.GetProperty("validationAccuracy").GetDouble(), 0, 1);
        Assert.Equal(test.GetProperty("perClass").EnumerateArray().Sum(c => c.GetProperty("support").GetInt32()),
            metricsOfModel.GetProperty("confusionMatrix").EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(c => c.GetInt32()));

        var classified = await (await _client.PostAsync($"/classify?modelId={modelId}&topK=1", Multipart.Files("image", ("x.png", TestImages.Png(8, 8)))))
            .AssertJson(HttpStatusCode.OK);
        Assert.Single(classified.GetProperty("results")[0].GetProperty("predictions").EnumerateArray());

        var listed = await (await _client.GetAsync("/jobs?state=succeeded")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetString() == jobId);
    }

    [Fact]
    public async Task InvalidJobsAreValidationProblemsPerField()
    {
        var datasetId = await UploadDataset();

        var problem = await (await _client.PostAsJsonAsync("/jobs", new { datasetId, model = new { depth = 30 }, training = new { epochs = 0, momentum = 2.0 } }))
            .AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("6n+2", errors.GetProperty("model.depth")[0].GetString());
        Assert.True(errors.TryGetProperty("training.epochs", out _));
        Assert.True(errors.TryGetProperty("training.momentum", out _));
    }

    [Fact]
    public async Task UnknownDatasetIsAFieldError()
    {
        var problem = await (await _client.PostAsJsonAsync("/jobs", new { datasetId = "../../etc", model = new { depth = 8 } }))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("datasetId", out _));
    }

    [Fact]
    public async Task UnknownJobIsNotFound()
    {
        await (await _client.GetAsync("/jobs/0123456789abcdef0123456789abcdef")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync("/jobs/nope")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.PostAsync("/jobs/nope/resume", null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CancelledJobKeepsItsCheckpointAndResumesToTheEnd()
    {
        const int epochs = 6;
        var datasetId = await UploadDataset(perClass: 16);
        string jobId;
        JsonElement cancelled;
        using (var hold = TrainingHold.InDataRoot(factory.DataRoot, epoch: 2, step: 1))
        {
            var accepted = await (await _client.PostAsJsonAsync("/jobs", new
            {
                datasetId,
                model = new { depth = 8 },
                training = new { epochs, batchSize = 2, seed = 5 },
            })).AssertJson(HttpStatusCode.Accepted);
            jobId = accepted.GetProperty("id").GetString()!;
            // Stopped in its second epoch: the first is recorded and checkpointed, and the job cannot end on its own.
            Assert.Equal(jobId, await hold.HeldWithin(TimeSpan.FromMinutes(6)));
            await (await _client.DeleteAsync($"/datasets/{datasetId}")).AssertProblem(HttpStatusCode.Conflict);

            await (await _client.DeleteAsync($"/jobs/{jobId}")).AssertJson(HttpStatusCode.Accepted);
            // The worker notices the request at its next heartbeat (every second); each step now takes a second, so the
            // five epochs left could not end first.
            hold.Release(pace: TimeSpan.FromSeconds(1));
            cancelled = await _client.PollJobUntilFinished(jobId);
        }
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(factory.DataRoot, "runs", jobId, "checkpoints"), "train-*.ckpt"));
        var before = (await (await _client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.NotEmpty(before);

        await (await _client.PostAsync($"/jobs/{jobId}/resume", null)).AssertJson(HttpStatusCode.Accepted);
        var resumed = await _client.PollJobUntilFinished(jobId);

        Assert.True(resumed.GetProperty("state").GetString() == "succeeded", resumed.ToString());
        var after = (await (await _client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, epochs), after.Select(m => m.GetProperty("epoch").GetInt32()));
        // Epochs finished before the cancellation were not trained again: the run went on from its checkpoint.
        Assert.Equal(before.Select(m => m.GetRawText()), after.Take(before.Count).Select(m => m.GetRawText()));
        Assert.Single(Directory.GetFiles(Path.Combine(factory.DataRoot, "runs", jobId, "checkpoints"), "train-*.ckpt"));
    }

    private async Task<string> UploadDataset(int perClass = 8) =>
        (await (await _client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip(perClass)))).AssertJson(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;
}
