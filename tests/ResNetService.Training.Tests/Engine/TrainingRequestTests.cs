using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Tests.Engine;

public sealed class TrainingRequestTests
{
    private static string Json(TrainingOptions options) => JsonSerializer.Serialize(options, JsonSerializerOptions.Web);

    [Fact]
    public void FieldsLeftOutTakeTheDefaultsOfTheirKindOfRun()
    {
        var request = new TrainingRequest(new JsonObject { ["epochs"] = 3 });

        var scratch = request.Resolve(fineTuning: false, JsonSerializerOptions.Web);
        var fineTuning = request.Resolve(fineTuning: true, JsonSerializerOptions.Web);

        Assert.Equal(Json(TrainingDefaults.FromScratch with { Epochs = 3 }), Json(scratch));
        Assert.Equal(Json(TrainingDefaults.FineTuning with { Epochs = 3 }), Json(fineTuning));
    }

    [Fact]
    public void AFieldNamedInAnotherCaseIsTheSameField()
    {
        var options = new TrainingRequest(new JsonObject { ["BatchSize"] = 7, ["WARMUPEPOCHS"] = 2.5 }).Resolve(fineTuning: true, JsonSerializerOptions.Web);

        Assert.Equal(7, options.BatchSize);
        Assert.Equal(2.5, options.WarmupEpochs);
    }

    [Fact]
    public void ReadFromJsonAFieldOfTheWrongTypeIsRefused()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingRequest>("""{"epochs": "ten"}""", JsonSerializerOptions.Web));

        Assert.Contains("epochs", error.Message);
    }

    [Fact]
    public void ReadFromJsonItKeepsOnlyWhatWasGiven()
    {
        var request = JsonSerializer.Deserialize<TrainingRequest>("""{"learningRate": 0.1}""", JsonSerializerOptions.Web)!;

        Assert.Equal(["learningRate"], request.Fields.Select(f => f.Key));
        Assert.Equal(0.1, request.Resolve(fineTuning: true, JsonSerializerOptions.Web).LearningRate);
    }
}
