using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class ModelsApiTests : IDisposable
{
    private readonly ServiceFactory _factory = new();
    private readonly HttpClient _client;

    // Deleting and pinning need the admin scope, which requests without a key never have.
    public ModelsApiTests() => _client = _factory.ClientWith(_factory.KeyWith(Scopes.Admin));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ModelIsListedDescribedAndDeleted()
    {
        var model = TestModels.Publish(_factory, "tiny", ["a", "b"]);

        var listed = (await (await _client.GetAsync("/models")).AssertJson(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(model.Id, listed[0].GetProperty("id").GetString());
        Assert.True(listed[0].GetProperty("isDefault").GetBoolean());

        var details = await (await _client.GetAsync($"/models/{model.Id}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(["a", "b"], details.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(4, details.GetProperty("architecture").GetProperty("depth").GetInt32());
        Assert.True(details.GetProperty("architecture").GetProperty("trainableParameters").GetInt64() > 0);
        Assert.Equal(8, details.GetProperty("preprocessing").GetProperty("height").GetInt32());
        Assert.Equal(0.25, details.GetProperty("preprocessing").GetProperty("std")[0].GetDouble());
        Assert.Equal(1, details.GetProperty("metrics").GetProperty("bestEpoch").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/models/{model.Id}")).StatusCode);
        await (await _client.GetAsync($"/models/{model.Id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ModelsAreListedAPageAtATime()
    {
        var published = Enumerable.Range(1, 3).Select(i => TestModels.Publish(_factory, $"tiny{i}", ["a", "b"]).Id).ToList();

        var first = await (await _client.GetAsync("/models?pageSize=2")).AssertJson(HttpStatusCode.OK);
        var second = await (await _client.GetAsync("/models?page=2&pageSize=2")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("id").GetString());
        Assert.Equal(published.Order(), listed.Order());
        var problem = await (await _client.GetAsync("/models?pageSize=201")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("pageSize is 1 to 200", problem.GetProperty("errors").GetProperty("page")[0].GetString());
    }

    [Theory]
    [InlineData("pytorch", ".pt")]
    [InlineData("safetensors", ".safetensors")]
    [InlineData("onnx", ".onnx")]
    public async Task ExportDownloadsTheWeights(string format, string extension)
    {
        var model = TestModels.Publish(_factory, "tiny", ["a", "b"]);

        var response = await _client.GetAsync($"/models/{model.Id}/export?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(extension, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_factory.DataRoot, "tmp")));
    }

    [Fact]
    public async Task OnnxExportCarriesTheModelsClassesAndPreprocessing()
    {
        var model = TestModels.Publish(_factory, "tiny", ["a", "b"]);

        var response = await _client.GetAsync($"/models/{model.Id}/export?format=onnx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var onnx = Onnx.ModelProto.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        var metadata = onnx.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("""["a","b"]""", metadata["classes"]);
        Assert.Equal("[0.25, 0.25, 0.25]", metadata["std"]);
        Assert.Equal("8x8", metadata["resize"]);
        Assert.Equal(["images"], onnx.Graph.Input.Select(i => i.Name));
        Assert.Equal(["probabilities"], onnx.Graph.Output.Select(o => o.Name));
    }

    [Fact]
    public async Task UnknownExportFormatIsABadRequestListingTheFormats()
    {
        var model = TestModels.Publish(_factory, "tiny", ["a", "b"]);

        var problem = await (await _client.GetAsync($"/models/{model.Id}/export?format=tflite")).AssertProblem(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("format")[0].GetString();
        Assert.Contains("tflite", message);
        Assert.Contains("pytorch, safetensors, onnx", message);
    }

    [Fact]
    public async Task PinningAnUnknownModelIsNotFound() =>
        await (await _client.PutAsJsonAsync("/models/default", new { modelId = "0123456789abcdef0123456789abcdef" })).AssertProblem(HttpStatusCode.NotFound);

    [Fact]
    public async Task DeletingThePinnedModelFallsBackToTheNewest()
    {
        var older = TestModels.Publish(_factory, "older", ["a", "b"]);
        var newer = TestModels.Publish(_factory, "newer", ["a", "b"]);
        (await _client.PutAsJsonAsync("/models/default", new { modelId = older.Id })).EnsureSuccessStatusCode();

        (await _client.DeleteAsync($"/models/{older.Id}")).EnsureSuccessStatusCode();

        var details = await (await _client.GetAsync($"/models/{newer.Id}")).AssertJson(HttpStatusCode.OK);
        Assert.True(details.GetProperty("isDefault").GetBoolean());
    }
}
