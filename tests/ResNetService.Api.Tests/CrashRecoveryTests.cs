using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>
/// The service as the README's run command starts it (embedded defaults: SQLite records, jobs queued in memory, one
/// process), killed without warning in the middle of a training, then started again on the same data root.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Epochs = 3;
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-crash-").FullName;
    private readonly string _url = ServiceProcess.FreeLoopbackUrl();
    private readonly List<ServiceProcess> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
        Directory.Delete(_dataRoot, recursive: true);
    }

    private ServiceProcess Start((int Epoch, int Step)? holdTrainingAt = null)
    {
        var process = ServiceProcess.Start("all", new Dictionary<string, string>
        {
            ["Storage:DataRoot"] = _dataRoot,
            ["Training:Device"] = "cpu",
            ["Training:ProgressEveryBatches"] = "1",
            // Short, so the test need not wait half a minute for the dead process's lease to run out.
            ["Jobs:LeaseDuration"] = "00:00:03",
            ["Jobs:ReconcileInterval"] = "00:00:01",
        }, _url, holdTrainingAt: holdTrainingAt);
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task AJobKilledInItsSecondEpochFinishesByItselfAfterARestart()
    {
        // Stopped after the second step of its second epoch, so that the kill lands there whatever the machine's speed.
        var first = Start(holdTrainingAt: (2, 2));
        var client = await first.ReadyClientAsync();
        var dataset = await (await client.PostAsync("/datasets", Multipart.Archive(LearnableDataset.Zip(trainCount: 480, testCount: 80))))
            .AssertJson(HttpStatusCode.Created);
        var job = await (await client.PostAsJsonAsync("/jobs", new
        {
            datasetId = dataset.GetProperty("id").GetString(),
            model = new { depth = 8 },
            training = new { epochs = Epochs, batchSize = 32, learningRate = 0.05, seed = 3 },
        })).AssertJson(HttpStatusCode.Accepted);
        var jobId = job.GetProperty("id").GetString()!;
        Assert.Equal(jobId, await first.TrainingHeldAsync(TimeSpan.FromMinutes(6)));

        first.Kill();
        client = await Start().ReadyClientAsync();
        var finished = await client.PollJobUntilFinished(jobId, TimeSpan.FromMinutes(8));

        Assert.True(finished.GetProperty("state").GetString() == "succeeded", $"{finished}\n{string.Join("\n", _processes.Select(p => p.Output))}");
        var history = await (await client.GetAsync($"/jobs/{jobId}/metrics")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(1, Epochs), history.EnumerateArray().Select(m => m.GetProperty("epoch").GetInt32()));
        var models = await (await client.GetAsync("/models")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(finished.GetProperty("modelId").GetString(), Assert.Single(models.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, finished.GetProperty("attempts").GetInt32());
    }
}
