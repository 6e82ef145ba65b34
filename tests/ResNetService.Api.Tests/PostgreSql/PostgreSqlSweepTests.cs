using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Records;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>A sweep over two worker processes on PostgreSQL, as over two GPU hosts.</summary>
[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlSweepTests : IDisposable
{
    /// <summary>Generous: a few short trainings, on a machine that may be busy.</summary>
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(10);
    private readonly WorkerCluster _cluster = new(new Dictionary<string, string?>
    {
        ["Jobs:LeaseDuration"] = "00:00:10",
        ["Sweeps:DecideInterval"] = "00:00:00.500",
    });

    public void Dispose() => _cluster.Dispose();

    [PostgreSqlFact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task TrialsRunOnBothWorkersAtOnceAndAKilledWorkerLosesNoTrial()
    {
        var (api, client) = _cluster.StartApi("api");
        var datasetId = (await (await client.PostAsync("/datasets", Multipart.Archive(LearnableDataset.Zip(960, 80)))).AssertJson(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var first = _cluster.StartWorker(api);
        var second = _cluster.StartWorker(api);
        var sweepId = (await (await client.PostAsJsonAsync("/sweeps", new
        {
            job = new { datasetId, model = new { depth = 8 }, training = new { batchSize = 32, seed = 3 } },
            searchSpace = new { learningRate = new { choice = new[] { 0.02, 0.05, 0.1, 0.2 } } },
            search = new { kind = "grid" },
            scheduler = new { kind = "asha", minEpochs = 1, maxEpochs = 3, reductionFactor = 3 },
            budget = new { maxConcurrent = 2 },
        })).AssertJson(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        // Two trials at once, one on each worker (a lease names its owner's process).
        var records = RecordsDatabase.PostgreSql(_cluster.Database.ConnectionString);
        var deadline = DateTime.UtcNow + SweepTimeout;
        List<RunRow> running;
        while ((running = Running(records, sweepId)).Select(r => r.LeaseOwner!.Split('/')[1]).Distinct().Count() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The trials never ran on both workers at once.\nfirst:\n{first.Output}\nsecond:\n{second.Output}");
            await Task.Delay(200);
        }
        var orphan = running.Single(r => r.LeaseOwner!.Split('/')[1] == first.Id.ToString());
        first.Kill();

        var sweep = await client.PollSweepUntilEnded(sweepId, WorkerCluster.InvisibilityTimeout + SweepTimeout);

        Assert.True(sweep.GetProperty("endReason").GetString() == "finished", $"{sweep}\nsecond:\n{second.Output}");
        var trials = sweep.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], trials.Select(t => t.GetProperty("trial").GetInt32()));
        // Rungs at 1 and 3 epochs: every trial trains one, each promoted one two more (ASHA may promote a late
        // arrival that beats the one promoted before it).
        var completed = trials.Count(t => t.GetProperty("state").GetString() == "succeeded");
        Assert.InRange(completed, 1, 2);
        Assert.Equal(4 - completed, trials.Count(t => t.GetProperty("state").GetString() == "paused"));
        Assert.Equal(4 + 2 * completed, sweep.GetProperty("epochsSpent").GetInt32());
        // The killed worker's trial was taken over by the other and went on from its checkpoint: every epoch once.
        var taken = await (await client.GetAsync($"/jobs/{orphan.Id}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(1, taken.GetProperty("attempts").GetInt32());
        var history = (await (await client.GetAsync($"/jobs/{orphan.Id}/metrics")).AssertJson(HttpStatusCode.OK)).EnumerateArray()
            .Select(m => m.GetProperty("epoch").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, history.Count), history);
    }

    private static List<RunRow> Running(RecordsDatabase records, string sweepId)
    {
        using var db = records.Open();
        return db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId && r.State == JobState.Running && r.LeaseOwner != null).ToList();
    }
}
