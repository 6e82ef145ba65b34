using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResNetService.Api.Tests.Support;
using Xunit.Abstractions;

namespace ResNetService.Api.Tests.FineTuning;

/// <summary>
/// Jobs that start from a model (<c>model.from</c>): a ResNet-8 trained here on an 8-class generated task (squares of
/// eight sizes) is fine-tuned on a related 4-class task with few training images.
/// </summary>
public sealed class FineTuningApiTests(FineTuningApiTests.SourceModel source, ITestOutputHelper output) : IClassFixture<FineTuningApiTests.SourceModel>
{
    public sealed class SourceModel : IAsyncLifetime
    {
        public ServiceFactory Factory { get; } = new();
        public HttpClient Client { get; private set; } = null!;
        public string ModelId { get; private set; } = "";
        public string TargetDatasetId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Client = Factory.CreateClient();
            var sourceDataset = await Client.UploadDataset(GeneratedTasks.IdxZip(trainCount: 640, testCount: 80, classes: 8, seed: 31), "source-task.zip");
            var job = await Client.RunJob(new
            {
                datasetId = sourceDataset,
                model = new { depth = 8 },
                training = new { epochs = 4, batchSize = 32, learningRate = 0.05, warmupEpochs = 0.5, seed = 5 },
            });
            ModelId = job.GetProperty("modelId").GetString()!;
            TargetDatasetId = await Client.UploadDataset(GeneratedTasks.IdxZip(trainCount: 64, testCount: 200, classes: 4, seed: 101), "target-task.zip");
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private HttpClient Client => source.Client;

    private static readonly object TargetTraining = new { epochs = 3, batchSize = 16, learningRate = 0.02, warmupEpochs = 0.5, seed = 1 };

    [Fact]
    public async Task FineTuningFromARelatedModelBeatsTrainingFromScratch()
    {
        var scratch = await Client.RunJob(new { datasetId = source.TargetDatasetId, model = new { depth = 8 }, training = TargetTraining });
        var tuned = await Client.RunJob(new { datasetId = source.TargetDatasetId, model = new { from = source.ModelId }, training = TargetTraining });

        Assert.Equal(source.ModelId, tuned.GetProperty("fromModelId").GetString());
        Assert.True(tuned.GetProperty("classifierReinitialised").GetBoolean());
        Assert.Equal(JsonValueKind.Null, scratch.GetProperty("fromModelId").ValueKind);
        var scratchAccuracy = await TestAccuracy(scratch);
        var tunedAccuracy = await TestAccuracy(tuned);
        output.WriteLine($"scratch {scratchAccuracy:P1}, fine-tuned {tunedAccuracy:P1}");
        Assert.True(tunedAccuracy >= scratchAccuracy + 0.15, $"fine-tuned {tunedAccuracy:P1} against {scratchAccuracy:P1} from scratch");

        var card = await (await Client.GetAsync($"/models/{tuned.GetProperty("modelId").GetString()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(source.ModelId, card.GetProperty("fromModelId").GetString());
        Assert.True(card.GetProperty("classifierReinitialised").GetBoolean());
        Assert.Equal(["0", "1", "2", "3"], card.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var counts = card.GetProperty("metrics").GetProperty("trainClassCounts").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Equal(4, counts.Count);
        // 16 images per class are too few to hold any out for validation (docs/training.md, small datasets): all train.
        Assert.Equal(64, counts.Sum());
        Assert.Equal(4, card.GetProperty("metrics").GetProperty("perClass").EnumerateArray().Count(c => c.TryGetProperty("recall", out _)));
    }

    [Fact]
    public async Task TheJobTakesTheSourceArchitectureAndTheFineTuningDefaultsForWhatItLeavesOut()
    {
        var sourceCard = await (await Client.GetAsync($"/models/{source.ModelId}")).AssertJson(HttpStatusCode.OK);

        var defaulted = await Client.RunJob(new { datasetId = source.TargetDatasetId, model = new { from = source.ModelId }, training = new { epochs = 1, classBalance = "sampler" } });
        var chosen = await Client.RunJob(new
        {
            datasetId = source.TargetDatasetId,
            model = new { from = source.ModelId, depth = 8 },
            training = new { epochs = 1, learningRate = 0.1, freeze = "stage1", headLearningRateMultiplier = 5, classBalance = "weights" },
        });

        Assert.Equal(0.01, defaulted.GetProperty("training").GetProperty("learningRate").GetDouble());
        Assert.Equal(1, defaulted.GetProperty("training").GetProperty("warmupEpochs").GetDouble());
        Assert.Equal("sampler", defaulted.GetProperty("training").GetProperty("classBalance").GetString());
        // Set by the request, even to the from-scratch default: kept.
        Assert.Equal(0.1, chosen.GetProperty("training").GetProperty("learningRate").GetDouble());
        Assert.Equal(1, chosen.GetProperty("training").GetProperty("warmupEpochs").GetDouble());
        Assert.Equal("stage1", chosen.GetProperty("training").GetProperty("freeze").GetString());
        Assert.Equal(5, chosen.GetProperty("training").GetProperty("headLearningRateMultiplier").GetDouble());
        var config = sourceCard.GetProperty("architecture").GetProperty("config");
        foreach (var job in new[] { defaulted, chosen })
        {
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
            Assert.Equal(config.GetProperty("units").GetRawText(), job.GetProperty("model").GetProperty("units").GetRawText());
            Assert.Equal(config.GetProperty("filters").GetRawText(), job.GetProperty("model").GetProperty("filters").GetRawText());
        }
        var defaults = await (await Client.GetAsync("/jobs/defaults?fineTuning=true")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(0.01, defaults.GetProperty("learningRate").GetDouble());
    }

    [Fact]
    public async Task AModelThatDoesNotExistIsNotFound()
    {
        var problem = await (await Client.PostAsJsonAsync("/jobs", new { datasetId = source.TargetDatasetId, model = new { from = "0123456789abcdef0123456789abcdef" } }))
            .AssertProblem(HttpStatusCode.NotFound);

        Assert.Contains("0123456789abcdef0123456789abcdef", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("depth", 20)]
    [InlineData("inputSize", 32)]
    [InlineData("units", new[] { 2, 2, 2 })]
    public async Task AnArchitectureThatContradictsTheModelIsABadRequestNamingTheField(string field, object value)
    {
        var model = new Dictionary<string, object> { ["from"] = source.ModelId, [field] = value };

        var problem = await (await Client.PostAsJsonAsync("/jobs", new { datasetId = source.TargetDatasetId, model })).AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal([$"model.{field}"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(source.ModelId, errors.GetProperty($"model.{field}")[0].GetString());
    }

    [Fact]
    public async Task ADatasetWithOtherChannelsIsABadRequest()
    {
        var colour = TestModels.Publish(source.Factory, "colour", ["a", "b"], channels: 3);

        var problem = await (await Client.PostAsJsonAsync("/jobs", new { datasetId = source.TargetDatasetId, model = new { from = colour.Id } }))
            .AssertProblem(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("datasetId")[0].GetString();
        Assert.Contains("colour (3-channel)", message);
        Assert.Contains("grayscale (1-channel)", message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FreezingPastTheLastStageIsABadRequest(bool fromModel)
    {
        object model = fromModel ? new { from = source.ModelId } : new { depth = 8 };

        var problem = await (await Client.PostAsJsonAsync("/jobs", new { datasetId = source.TargetDatasetId, model, training = new { freeze = "stage4" } }))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("stage3", problem.GetProperty("errors").GetProperty("training.freeze")[0].GetString());
    }

    private async Task<double> TestAccuracy(JsonElement job) =>
        (await (await Client.GetAsync($"/models/{job.GetProperty("modelId").GetString()}")).AssertJson(HttpStatusCode.OK))
        .GetProperty("metrics").GetProperty("testAccuracy").GetDouble();
}
