using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Npgsql;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>Training jobs on Hangfire's PostgreSQL storage, across processes, as in a multi-host deployment.</summary>
[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlJobsTests : IDisposable
{
    /// <summary>Generous: the trainings here take a minute on an idle 2-core machine, several on a busy one.</summary>
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan InvisibilityTimeout = WorkerCluster.InvisibilityTimeout;
    private readonly WorkerCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

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
        var (_, client) = _cluster.StartApi("all");
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
        var (api, client) = _cluster.StartApi("api");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        // Stopped at the first step of its third epoch, two recorded and checkpointed: the kill lands there.
        var first = _cluster.StartWorker(api, holdTrainingAt: (3, 1));
        var jobId = await Enqueue(client, datasetId, epochs);
        Assert.Equal(jobId, await first.TrainingHeldAsync(TrainingTimeout));

        first.Kill();
        var before = await History(client, jobId);
        // A worker that died promoted nothing: its checkpoints are in its attempt's folder, where the next one finds them.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(api.DataRoot, "runs", jobId, RunFolders.AttemptsFolder), "train-*.ckpt", SearchOption.AllDirectories));
        var second = _cluster.StartWorker(api);
        var job = await client.PollJobUntilFinished(jobId, InvisibilityTimeout + TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nsecond worker:\n{second.Output}");
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        await AssertResumedWithEveryEpochOnce(client, jobId, epochs, before);
        await AssertKeepsOneCheckpoint(api, jobId);
    }

    /// <summary>A succeeded run keeps its newest checkpoint (promoted out of the attempts that trained it) and nothing else.</summary>
    private static async Task AssertKeepsOneCheckpoint(ServiceFactory api, string jobId)
    {
        Assert.Single(await KeptCheckpoints.Of(api.DataRoot, jobId));
        Assert.Equal(["train"], Directory.GetFiles(Path.Combine(api.DataRoot, "runs", jobId, "checkpoints")).Select(path => Path.GetFileName(path)[..5]));
    }

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task APausedWorkerWhoseRunWasTakenOverWritesNothingAndTheRunSucceedsOnce()
    {
        const int epochs = 5;
        var lease = new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:00:10" };
        var (api, client) = _cluster.StartApi("api");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        // Held at the first step of its third epoch, two recorded and checkpointed: the pause lands there.
        var first = _cluster.StartWorker(api, holdTrainingAt: (3, 1), more: lease);
        var jobId = await Enqueue(client, datasetId, epochs);
        Assert.Equal(jobId, await first.TrainingHeldAsync(TrainingTimeout));
        var second = _cluster.StartWorker(api, more: lease);

        first.Pause();
        List<JsonElement> before;
        try
        {
            before = await History(client, jobId);
            // Its lease expires within 10 s; the job is handed out again once Hangfire's invisibility timeout has passed.
            await client.PollJobUntil(jobId, j => j.GetProperty("attempts").GetInt32() == 1, InvisibilityTimeout + TimeSpan.FromMinutes(3));
        }
        finally
        {
            first.Resume();
        }
        first.ReleaseTraining(pace: TimeSpan.Zero);
        await first.WaitForOutputAsync("is no longer this worker's");
        var job = await client.PollJobUntilFinished(jobId, TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nfirst worker:\n{first.Output}\nsecond worker:\n{second.Output}");
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        await AssertResumedWithEveryEpochOnce(client, jobId, epochs, before);
        var model = Assert.Single((await (await client.GetAsync("/models")).AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal((jobId, job.GetProperty("modelId").GetString()), (model.GetProperty("sourceJobId").GetString(), model.GetProperty("id").GetString()));
        await AssertKeepsOneCheckpoint(api, jobId);
        // The second worker trained it to the end: the stale delivery ending the Hangfire job did not stop it.
        Assert.True(second.Output.Contains($"Run {jobId} succeeded"), $"first worker:\n{first.Output}\nsecond worker:\n{second.Output}");
    }

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task ARunWhoseRecordsDoNotAnswerAtItsStartWaitsCountingNothingAndRunsOnceTheyDo()
    {
        var (api, client) = _cluster.StartApi("api");
        var datasetId = await Upload(client, trainCount: 160, testCount: 40);
        var jobId = await Enqueue(client, datasetId, epochs: 2);
        await using var blocker = new NpgsqlConnection(_cluster.Database.ConnectionString);
        await blocker.OpenAsync();
        var transaction = await blocker.BeginTransactionAsync();
        // Every read of a dataset now waits behind this lock, and the worker gives up on it after its 2 s command
        // timeout: to the worker, the records do not answer, while its claim on the run (another table) goes through.
        await using (var lockDatasets = new NpgsqlCommand("LOCK TABLE records.datasets IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockDatasets.ExecuteNonQueryAsync();
        var worker = _cluster.StartWorker(api, more: new()
        {
            ["ConnectionStrings:Database"] = $"{_cluster.Database.ConnectionString};Command Timeout=2",
            ["Jobs:ReconcileInterval"] = "00:00:01",
        });

        var waiting = await client.PollJobUntil(jobId, j => j.GetProperty("state").GetString() == "interrupted", TimeSpan.FromMinutes(2));
        Assert.Contains("did not answer", waiting.GetProperty("error").GetString());
        Assert.Equal(0, waiting.GetProperty("attempts").GetInt32());
        await transaction.RollbackAsync();
        var job = await client.PollJobUntilFinished(jobId, TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nworker:\n{worker.Output}");
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        Assert.Contains("it waits for a worker again", worker.Output);
    }

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task StoppedWorkerCheckpointsAndHandsItsRunToTheNextWorker()
    {
        const int epochs = 6;
        var (api, client) = _cluster.StartApi("api");
        var datasetId = await Upload(client, trainCount: 480, testCount: 80);
        var first = _cluster.StartWorker(api, holdTrainingAt: (2, 1));
        var jobId = await Enqueue(client, datasetId, epochs);
        Assert.Equal(jobId, await first.TrainingHeldAsync(TrainingTimeout));

        // SIGTERM is noticed within a step; each step now takes a second, so the five epochs left could not end first.
        first.ReleaseTraining(pace: TimeSpan.FromSeconds(1));
        first.Terminate(TimeSpan.FromSeconds(60));
        var interrupted = await (await client.GetAsync($"/jobs/{jobId}")).AssertJson(HttpStatusCode.OK);
        Assert.True(interrupted.GetProperty("state").GetString() == "interrupted", $"{interrupted}\nfirst worker:\n{first.Output}");
        var before = await History(client, jobId);
        var second = _cluster.StartWorker(api);
        var job = await client.PollJobUntilFinished(jobId, TrainingTimeout);

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\nsecond worker:\n{second.Output}");
        // A worker that stopped in good order is not a lost one.
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        await AssertResumedWithEveryEpochOnce(client, jobId, epochs, before);
    }
}
