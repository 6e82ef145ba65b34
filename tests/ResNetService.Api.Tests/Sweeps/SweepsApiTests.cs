using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Sweeps;

public sealed class SweepsApiTests(SweepService service) : IClassFixture<SweepService>
{
    // Making the best trial's model the default needs the admin scope, which requests without a key never have.
    private readonly HttpClient _client = service.Factory.ClientWith(service.Factory.KeyWith(Scopes.Admin));

    [Fact]
    public async Task ATinyAshaSweepStopsTheWeakTrialsAtTheFirstRungAndTrainsTheBestToTheEnd()
    {
        var datasetId = await UploadDataset();

        var accepted = await (await _client.PostAsJsonAsync("/sweeps", new
        {
            name = "tiny",
            job = new { datasetId, model = new { depth = 8 }, training = new { batchSize = 4, seed = 5 } },
            searchSpace = new { learningRate = new { logUniform = new[] { 0.01, 0.3 } } },
            search = new { kind = "random", seed = 11 },
            scheduler = new { kind = "asha", minEpochs = 1, maxEpochs = 3, reductionFactor = 3 },
            budget = new { maxTrials = 3, maxConcurrent = 2 },
        })).AssertJson(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal([1, 3], accepted.GetProperty("rungs").EnumerateArray().Select(r => r.GetInt32()));
        using var stream = await _client.GetAsync($"/sweeps/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var events = EventStreams.ReadAllAsync(await stream.Content.ReadAsStreamAsync());

        var sweep = await _client.PollSweepUntilEnded(id);

        Assert.Equal("finished", sweep.GetProperty("state").GetString());
        Assert.Equal("finished", sweep.GetProperty("endReason").GetString());
        var trials = sweep.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], trials.Select(t => t.GetProperty("trial").GetInt32()));
        Assert.Equal(3, trials.Select(t => t.GetProperty("parameters").GetProperty("learningRate").GetDouble()).Distinct().Count());
        var full = Assert.Single(trials, t => t.GetProperty("state").GetString() == "succeeded");
        var stopped = trials.Where(t => t.GetProperty("state").GetString() == "paused").ToList();
        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, t => Assert.Equal((0, 1, 1), (t.GetProperty("stoppedAtRung").GetInt32(), t.GetProperty("epochsUsed").GetInt32(), t.GetProperty("rungEpochs").GetInt32())));
        Assert.Equal((1, 3), (full.GetProperty("rung").GetInt32(), full.GetProperty("epochsUsed").GetInt32()));
        Assert.Equal((5, 9), (sweep.GetProperty("epochsSpent").GetInt32(), sweep.GetProperty("epochsFullSearch").GetInt32()));

        // The promoted trial was the best after one epoch, and went on from its checkpoint: its first epoch was not trained again.
        var histories = new Dictionary<string, List<JsonElement>>();
        foreach (var trial in trials)
        {
            var jobId = trial.GetProperty("jobId").GetString()!;
            histories[jobId] = (await (await _client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK)).EnumerateArray().ToList();
        }
        var fullHistory = histories[full.GetProperty("jobId").GetString()!];
        Assert.Equal([1, 2, 3], fullHistory.Select(m => m.GetProperty("epoch").GetInt32()));
        Assert.All(stopped, t => Assert.True(
            histories[t.GetProperty("jobId").GetString()!][0].GetProperty("validationAccuracy").GetDouble() <= fullHistory[0].GetProperty("validationAccuracy").GetDouble()));
        // Its learning rate follows one cosine over all 3 epochs, paused or not: at epoch 2 it is below the base rate, above zero.
        var baseRate = full.GetProperty("parameters").GetProperty("learningRate").GetDouble();
        Assert.InRange(fullHistory[1].GetProperty("learningRate").GetDouble(), baseRate * 0.2, baseRate * 0.8);

        // Best so far, one point per epoch in the order spent: the three first epochs, then the promoted trial's two more.
        var bestSoFar = sweep.GetProperty("bestSoFar").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], bestSoFar.Select(p => p.GetProperty("epochsSpent").GetInt32()));
        var spentBy = bestSoFar.Select(p => p.GetProperty("trial").GetInt32()).ToList();
        Assert.Equal([0, 1, 2], spentBy.Take(3).Order());
        Assert.Equal(Enumerable.Repeat(full.GetProperty("trial").GetInt32(), 2), spentBy.Skip(3));
        var historyOf = trials.ToDictionary(t => t.GetProperty("trial").GetInt32(), t => histories[t.GetProperty("jobId").GetString()!]);
        var running = double.MinValue;
        for (var i = 0; i < bestSoFar.Count; i++)
        {
            var epoch = spentBy.Take(i + 1).Count(t => t == spentBy[i]);
            running = Math.Max(running, historyOf[spentBy[i]][epoch - 1].GetProperty("validationAccuracy").GetDouble());
            Assert.Equal(running, bestSoFar[i].GetProperty("value").GetDouble());
        }
        Assert.Equal(sweep.GetProperty("best").GetProperty("bestValue").GetDouble(), bestSoFar[^1].GetProperty("value").GetDouble());

        var job = await (await _client.GetAsync($"/jobs/{full.GetProperty("jobId").GetString()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(id, job.GetProperty("sweep").GetProperty("sweepId").GetString());
        Assert.Equal(3, job.GetProperty("training").GetProperty("epochs").GetInt32());
        var best = sweep.GetProperty("best");
        Assert.Equal(full.GetProperty("jobId").GetString(), best.GetProperty("jobId").GetString());

        var promoted = await (await _client.PostAsync($"/sweeps/{id}/promote", null)).AssertJson(HttpStatusCode.OK);
        Assert.Equal(full.GetProperty("modelId").GetString(), promoted.GetProperty("modelId").GetString());
        var model = await (await _client.GetAsync($"/models/{full.GetProperty("modelId").GetString()}")).AssertJson(HttpStatusCode.OK);
        Assert.True(model.GetProperty("isDefault").GetBoolean());
        await (await _client.PostAsJsonAsync($"/sweeps/{id}/promote", new { jobId = stopped[0].GetProperty("jobId").GetString() })).AssertProblem(HttpStatusCode.Conflict);
        await (await _client.DeleteAsync($"/sweeps/{id}")).AssertProblem(HttpStatusCode.Conflict);

        var listed = await (await _client.GetAsync("/sweeps?state=finished")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        // The stream sent the sweep as it changed, and ended with it.
        var sent = (await events).Select(e => e.Data).ToList();
        Assert.All(await events, e => Assert.Equal("sweep", e.Name));
        Assert.Equal(sweep.GetRawText(), sent[^1].GetRawText());
        // How many changes one poll of the stream folds together depends on the machine's speed: at least the sweep
        // early on and at its end.
        Assert.True(sent.Count >= 2, $"{sent.Count} events");
        Assert.True(sent[0].GetProperty("epochsSpent").GetInt32() < sent[^1].GetProperty("epochsSpent").GetInt32());
        Assert.Equal(sent.Select(s => s.GetProperty("epochsSpent").GetInt32()).Order(), sent.Select(s => s.GetProperty("epochsSpent").GetInt32()));

        var samples = PrometheusText.Parse(await _client.GetStringAsync("/metrics"), new HashSet<string> { "resnet_sweep_trials" });
        Assert.Equal(2, samples.Single(s => s.Has("state", "paused") && s.Has("rung", "0")).Value);
        Assert.Equal(1, samples.Single(s => s.Has("state", "succeeded") && s.Has("rung", "1")).Value);
    }

    [Fact]
    public async Task CancellingASweepStopsItsTrialsAndNothingNewStarts()
    {
        var datasetId = await UploadDataset();
        var accepted = await (await _client.PostAsJsonAsync("/sweeps", new
        {
            job = new { datasetId, model = new { depth = 8 }, training = new { batchSize = 2 } },
            searchSpace = new { weightDecay = new { choice = new[] { 0.0, 1e-4, 1e-3 } } },
            search = new { kind = "grid" },
            scheduler = new { kind = "none", maxEpochs = 200 },
            budget = new { maxConcurrent = 2 },
        })).AssertJson(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal(3, accepted.GetProperty("trialsPlanned").GetInt32());

        var cancelled = await (await _client.DeleteAsync($"/sweeps/{id}")).AssertJson(HttpStatusCode.Accepted);
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        foreach (var trial in cancelled.GetProperty("trials").EnumerateArray())
            Assert.Equal("cancelled", (await _client.PollJobUntilFinished(trial.GetProperty("jobId").GetString()!)).GetProperty("state").GetString());
        await Task.Delay(1000);

        var after = await (await _client.GetAsync($"/sweeps/{id}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(2, after.GetProperty("trials").GetArrayLength());
        await (await _client.DeleteAsync($"/sweeps/{id}")).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task EveryBadFieldOfASweepIsNamedInOneValidationProblem()
    {
        var datasetId = await UploadDataset();

        var problem = await (await _client.PostAsJsonAsync("/sweeps", new
        {
            job = new { datasetId, model = new { depth = 8 } },
            searchSpace = new Dictionary<string, object>
            {
                ["learningRate"] = new { logUniform = new[] { 0.0, 0.5 } },
                ["depth"] = new { choice = new[] { 8, 9 } },
                ["momentum"] = new { uniform = new[] { 0.5, 2.0 } },
                ["epochs"] = new { @int = new[] { 1, 5 } },
                ["colour"] = new { choice = new[] { "red" } },
                ["weightDecay"] = new { },
            },
            scheduler = new { minEpochs = 5, maxEpochs = 5 },
            budget = new { maxConcurrent = 0 },
        })).AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["budget.maxConcurrent", "budget.maxTrials", "scheduler.minEpochs", "searchSpace.colour", "searchSpace.depth", "searchSpace.epochs",
                "searchSpace.learningRate", "searchSpace.momentum", "searchSpace.weightDecay"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("9:", errors.GetProperty("searchSpace.depth")[0].GetString());
        Assert.Contains("2:", errors.GetProperty("searchSpace.momentum")[0].GetString());
        Assert.Contains("above 0", errors.GetProperty("searchSpace.learningRate")[0].GetString());
        Assert.Contains("maxEpochs", errors.GetProperty("searchSpace.epochs")[0].GetString());

        var baseProblem = await (await _client.PostAsJsonAsync("/sweeps", new
        {
            job = new { datasetId = "0123456789abcdef0123456789abcdef", model = new { depth = 8 }, training = new { epochs = 4 } },
            searchSpace = new { learningRate = new { uniform = new[] { 0.01, 0.1 } } },
            search = new { kind = "grid" },
            scheduler = new { maxEpochs = 9 },
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["job.datasetId", "job.training.epochs", "searchSpace.learningRate"],
            baseProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain((await (await _client.GetAsync("/sweeps")).AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            s => s.GetProperty("datasetId").GetString() == datasetId);
    }

    [Fact]
    public async Task UnknownSweepsAreNotFound()
    {
        await (await _client.GetAsync("/sweeps/0123456789abcdef0123456789abcdef")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync("/sweeps/nope")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.PostAsync("/sweeps/nope/promote", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/sweeps?state=paused")).AssertProblem(HttpStatusCode.BadRequest);
    }

    private async Task<string> UploadDataset() =>
        (await (await _client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip(8)))).AssertJson(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;
}
