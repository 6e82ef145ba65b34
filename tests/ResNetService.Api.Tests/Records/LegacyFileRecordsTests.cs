using System.Net;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Records;

/// <summary>An installation of the version that kept its records as JSON files, upgraded: nothing is lost.</summary>
public sealed class LegacyFileRecordsTests : IDisposable
{
    private const string DatasetId = "11111111111111111111111111111111";
    private const string FinishedRunId = "22222222222222222222222222222222";
    private const string RunningRunId = "33333333333333333333333333333333";
    private const string ModelId = "44444444444444444444444444444444";
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-legacy-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataRoot, recursive: true);
    }

    private void Write(string relative, string json)
    {
        var path = Path.Combine(_dataRoot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    [Fact]
    public async Task DatasetsJobsModelsAndTheDefaultComeIntoTheRecordsOnce()
    {
        Write($"datasets/{DatasetId}/manifest.json", $$$"""
            {"id":"{{{DatasetId}}}","name":"pets","format":"image-folders","classes":["cat","dog"],
             "counts":{"train":{"total":16,"perClass":[8,8]}},"imageShape":{"channels":3,"height":8,"width":8},
             "skippedFiles":0,"warnings":[],"importedFrom":null,"createdAt":"2026-10-01T10:00:00+00:00"}
            """);
        const string Training = """{"epochs":3,"batchSize":4,"learningRate":0.1,"device":"cpu","checkpointEveryMinutes":10,"schedule":"cosine"}""";
        Write($"runs/{FinishedRunId}/run.json", $$$"""
            {"id":"{{{FinishedRunId}}}","name":"done","datasetId":"{{{DatasetId}}}","model":{"depth":8},"training":{{{Training}}},
             "state":"succeeded","createdAt":"2026-10-01T10:01:00+00:00","modelId":"{{{ModelId}}}","workerDeaths":0}
            """);
        Write($"runs/{FinishedRunId}/metrics.json", """
            [{"epoch":1,"trainLoss":1.0,"trainAccuracy":0.5,"validationLoss":0.9,"validationAccuracy":0.5,"validationTop5":null,"learningRate":0.1,"durationSeconds":2},
             {"epoch":2,"trainLoss":0.8,"trainAccuracy":0.6,"validationLoss":0.7,"validationAccuracy":0.75,"validationTop5":null,"learningRate":0.05,"durationSeconds":2}]
            """);
        Write($"runs/{RunningRunId}/run.json", $$$"""
            {"id":"{{{RunningRunId}}}","name":"cut short","datasetId":"{{{DatasetId}}}","model":{"depth":8},"training":{{{Training}}},
             "state":"running","createdAt":"2026-10-02T10:01:00+00:00","workerDeaths":1}
            """);
        Write($"models/{ModelId}/card.json", $$$"""
            {"id":"{{{ModelId}}}","name":"done","sourceJobId":"{{{FinishedRunId}}}","datasetId":"{{{DatasetId}}}","createdAt":"2026-10-01T10:05:00+00:00",
             "description":{"architecture":{"inputChannels":3,"inputHeight":8,"inputWidth":8,"classes":2,"bottleneck":false,"units":[1],"filters":[4,4]},
               "classes":["cat","dog"],"normalization":{"mean":[0.5,0.5,0.5],"std":[0.25,0.25,0.25]}},
             "metrics":{"bestEpoch":2,"bestValidationAccuracy":0.75,"history":[],"test":null}}
            """);
        Write("models/default.json", $$$"""{"modelId":"{{{ModelId}}}"}""");
        // Role api: nothing trains the interrupted run while the test looks at it.
        using var factory = ServiceFactory.With(new() { ["Storage:DataRoot"] = _dataRoot, ["Role"] = "api" });
        var client = factory.CreateClient();

        var dataset = await (await client.GetAsync($"/datasets/{DatasetId}")).AssertJson(HttpStatusCode.OK);
        var done = await (await client.GetAsync($"/jobs/{FinishedRunId}")).AssertJson(HttpStatusCode.OK);
        var cutShort = await (await client.GetAsync($"/jobs/{RunningRunId}")).AssertJson(HttpStatusCode.OK);
        var history = await (await client.GetAsync($"/jobs/{FinishedRunId}/metrics")).AssertJson(HttpStatusCode.OK);
        var model = await (await client.GetAsync($"/models/{ModelId}")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(["cat", "dog"], dataset.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("succeeded", ModelId), (done.GetProperty("state").GetString(), done.GetProperty("modelId").GetString()));
        Assert.Equal(4, done.GetProperty("training").GetProperty("batchSize").GetInt32());
        Assert.Equal(("interrupted", 1), (cutShort.GetProperty("state").GetString(), cutShort.GetProperty("attempts").GetInt32()));
        Assert.Equal([1, 2], history.EnumerateArray().Select(m => m.GetProperty("epoch").GetInt32()));
        Assert.Equal(2, done.GetProperty("latestMetrics").GetProperty("epoch").GetInt32());
        Assert.True(model.GetProperty("isDefault").GetBoolean());
        Assert.Equal(0.75, model.GetProperty("metrics").GetProperty("validationAccuracy").GetDouble());
    }
}
