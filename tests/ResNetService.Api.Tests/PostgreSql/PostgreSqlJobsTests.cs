using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>Training jobs on Hangfire's PostgreSQL storage, across processes, as in a multi-host deployment.</summary>
[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlJobsTests : IDisposable
{
    private static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(30);
    /// <summary>Generous: the trainings here take a minute on an idle 2-core machine, several on a busy one.</summary>
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(8);
    private readonly PostgreSqlDatabase _database = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _database.Dispose();
    }

    private Dictionary<string, string?> Settings(string role) => new()
    {
        ["Role"] = role,
        ["ConnectionStrings:Hangfire"] = _database.ConnectionString,
        ["Hangfire:InvisibilityTimeout"] = InvisibilityTimeout.ToString(),
        ["Hangfire:QueuePollInterval"] = "00:00:01",
    };

    private (ServiceFactory Service, HttpClient Client) StartApi(string role)
    {
        var service = ServiceFactory.With(Settings(role));
        _owned.Add(service);
        return (service, service.CreateClient());
    }

    /// <param name="holdTrainingAt">Where the worker stops its training until the test lets it go (see <see cref="TrainingHold"/>).</param>
    private ServiceProcess StartWorker(ServiceFactory api, (int Epoch, int Step)? holdTrainingAt = null)
    {
        var settings = Settings("worker");
        settings["Storage:DataRoot"] = api.DataRoot;
        settings["Training:Device"] = "cpu";
        var worker = ServiceProcess.Start("worker", settings.ToDictionary(s => s.Key, s => s.Value!), holdTrainingAt: holdTrainingAt);
        _owned.Add(worker);
        return worker;
    }

    private static async Task<string> Upload(HttpClient client, int trainCount, int testCount) =>
        (await (await client.PostAsync("/datasets", Multipart.Archive(LearnableDataset.Zip(trainCount, testCount)))).AssertJson(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    private static async Task<string> Enqueue(HttpClient client, string datasetId, int epochs)
    {
        var response = await client.PostAsJsonAsync("/jobs", new
        {
            datasetId,
            model = new { depth = 8 },
            training = new { epochs, batchSize = 32, learningRate = 0.05, warmupEpochs = 0.5, seed = 3, progressEveryBatches = 1 },
        });
        return (await response.AssertJson(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> History(HttpClient client, string jobId) =>
        (await (await client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK)).EnumerateArray().ToList();

    /// <summary>
    /// Every epoch once, and the ones recorded before the worker was lost unchanged: the run went on from its
    /// checkpoint instead of starting over.
    /// </summary>
    private static async Task AssertResumedWithEveryEpochOnce(HttpClient client, string jobId, int epochs, List<JsonElement> before)
    {
        var history = await History(client, jobId);
        Assert.Equal(Enumerable.Range(1, epochs), history.Select(m => m.GetProperty("epoch").GetInt32()));
        Assert.NotEmpty(before);
        Assert.Equal(before.Select(m => m.GetRawText()), history.Take(before.Count).Select(m => m.GetRawText()));
    }

    [PostgreSqlFact]
    public async Task TrainsThroughPostgreSqlAndClassifiesUnseenImagesCorrectly()
    {
        var (_, client) = StartApi("all");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        var jobId = await Enqueue(client, datasetId, epochs: 4);

        var job = await client.PollJobUntilFinished(jobId, TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        var unseen = LearnableDataset.Unseen(8).ToList();
        var classified = await (await client.PostAsync("/classify?topK=1", Multipart.Files("image", unseen.Select(u => (u.FileName, u.Png)).ToArray())))
            .AssertJson(HttpStatusCode.OK);
        var predicted = classified.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("predictions")[0].GetProperty("label").GetString()).ToList();
        Assert.Equal(unseen.Select(u => u.Label), predicted);
    }

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task KilledWorkersRunIsResumedFromItsCheckpointByAnotherWorker()
    {
        const int epochs = 6;
        var (api, client) = StartApi("api");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        // Stopped at the first step of its third epoch, two recorded and checkpointed: the kill lands there.
        var first = StartWorker(api, holdTrainingAt: (3, 1));
        var jobId = await Enqueue(client, datasetId, epochs);
        Assert.Equal(jobId, await first.TrainingHeldAsync(TrainingTimeout));

        first.Kill();
        var before = await History(client, jobId);
        var checkpoints = Directory.GetFiles(Path.Combine(api.DataRoot, "runs", jobId, "checkpoints"), "train-*.ckpt");
        Assert.NotEmpty(checkpoints);
        var second = StartWorker(api);
        var job = await client.PollJobUntilFinished(jobId, InvisibilityTimeout + TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nsecond worker:\n{second.Output}");
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        await AssertResumedWithEveryEpochOnce(client, jobId, epochs, before);
    }

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task StoppedWorkerCheckpointsAndHandsItsRunToTheNextWorker()
    {
        const int epochs = 6;
        var (api, client) = StartApi("api");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        var first = StartWorker(api, holdTrainingAt: (2, 1));
        var jobId = await Enqueue(client, datasetId, epochs);
        Assert.Equal(jobId, await first.TrainingHeldAsync(TrainingTimeout));

        // SIGTERM is noticed within a step; each step now takes a second, so the five epochs left could not end first.
        first.ReleaseTraining(pace: TimeSpan.FromSeconds(1));
        first.Terminate(TimeSpan.FromSeconds(60));
        var interrupted = await (await client.GetAsync($"/jobs/{jobId}")).AssertJson(HttpStatusCode.OK);
        Assert.True(interrupted.GetProperty("state").GetString() == "interrupted", $"{interrupted}\nfirst worker:\n{first.Output}");
        var before = await History(client, jobId);
        var second = StartWorker(api);
        var job = await client.PollJobUntilFinished(jobId, TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nsecond worker:\n{second.Output}");
        // A worker that stopped in good order is not a lost one.
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        await AssertResumedWithEveryEpochOnce(client, jobId, epochs, before);
    }
}
