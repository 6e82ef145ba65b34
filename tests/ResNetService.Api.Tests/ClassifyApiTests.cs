using System.Net;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class ClassifyApiTests : IDisposable
{
    private static readonly string[] Classes = ["cat", "dog", "fish", "bird"];
    private readonly ServiceFactory _factory = ServiceFactory.With(new() { ["Limits:MaxImagePixels"] = "1000000" });
    private readonly HttpClient _client;

    // Pinning the default model needs the admin scope, which requests without a key never have.
    public ClassifyApiTests() => _client = _factory.ClientWith(_factory.KeyWith(Scopes.Admin));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AModelWhoseFilesVanishedIsNotFoundRatherThanAnError()
    {
        using var factory = new ServiceFactory();
        var card = TestModels.Publish(factory, "vanishing", ["a", "b"]);
        File.Delete(factory.Service<ResNetService.Api.Models.ModelStore>().CheckpointOf(card));
        var client = factory.CreateClient();

        await (await client.PostAsync($"/classify?modelId={card.Id}", Multipart.Files("image", ("a.png", TestImages.Png(8, 8)))))
            .AssertProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/models/{card.Id}/export?format=pytorch")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProbabilitiesSumToOneAndTopKIsRespected()
    {
        var model = TestModels.Publish(_factory, "tiny", Classes);

        var response = await (await _client.PostAsync($"/classify?modelId={model.Id}&topK=4",
            Multipart.Files("image", ("a.png", TestImages.Png(8, 8, 1)), ("b.png", TestImages.Png(20, 12, 2)))))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal(model.Id, response.GetProperty("modelId").GetString());
        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["a.png", "b.png"], results.Select(r => r.GetProperty("fileName").GetString()));
        foreach (var result in results)
        {
            var predictions = result.GetProperty("predictions").EnumerateArray().ToList();
            Assert.Equal(4, predictions.Count);
            Assert.Equal(1.0, predictions.Sum(p => p.GetProperty("probability").GetDouble()), 4);
            Assert.Equal(predictions.Select(p => p.GetProperty("probability").GetDouble()).OrderDescending(), predictions.Select(p => p.GetProperty("probability").GetDouble()));
            Assert.All(predictions, p => Assert.Equal(Classes[p.GetProperty("index").GetInt32()], p.GetProperty("label").GetString()));
        }
    }

    [Fact]
    public async Task TopKLimitsThePredictions()
    {
        var model = TestModels.Publish(_factory, "tiny", Classes);

        var response = await (await _client.PostAsync($"/classify?modelId={model.Id}&topK=2", Multipart.Files("image", ("a.png", TestImages.Png(8, 8)))))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal(2, response.GetProperty("results")[0].GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentRequestsEachGetTheirOwnImagesAnswer()
    {
        var model = TestModels.PublishBrightnessClassifier(_factory, "brightness", Classes);
        // Several images per request too, in an order that differs from the classes', so a swap inside a batch shows.
        var requests = Enumerable.Range(0, 24).Select(i => new[] { (i + 1) % Classes.Length, (i * 3) % Classes.Length }).ToList();

        var responses = await Task.WhenAll(requests.Select((labels, i) => _client.PostAsync($"/classify?modelId={model.Id}&topK=1",
            Multipart.Files("image", labels.Select((k, j) => ($"{i}-{j}.png", TestImages.Uniform(8, 8, TestModels.BrightnessOf(k, Classes.Length)))).ToArray()))));

        for (var i = 0; i < requests.Count; i++)
        {
            var results = (await responses[i].AssertJson(HttpStatusCode.OK)).GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(requests[i].Select(k => Classes[k]), results.Select(r => r.GetProperty("predictions")[0].GetProperty("label").GetString()));
        }
    }

    [Fact]
    public async Task TheDefaultIsTheNewestUnlessOneIsPinned()
    {
        var older = TestModels.Publish(_factory, "older", Classes);
        var newer = TestModels.Publish(_factory, "newer", Classes);
        Assert.Equal(newer.Id, await ClassifiedBy());

        (await _client.PutAsync("/models/default", Json($$"""{"modelId":"{{older.Id}}"}"""))).EnsureSuccessStatusCode();

        Assert.Equal(older.Id, await ClassifiedBy());
    }

    [Fact]
    public async Task ExplainAddsAHeatmapOfTheTopClassAtTheInputSize()
    {
        var model = TestModels.Publish(_factory, "tiny", Classes);

        var response = await (await _client.PostAsync($"/classify?modelId={model.Id}&explain=true",
            Multipart.Files("image", ("a.png", TestImages.Png(8, 8, 1)), ("b.png", TestImages.Png(20, 12, 2)))))
            .AssertJson(HttpStatusCode.OK);

        foreach (var result in response.GetProperty("results").EnumerateArray())
        {
            var top = result.GetProperty("predictions")[0];
            var heatmap = result.GetProperty("heatmap");
            Assert.Equal(top.GetProperty("index").GetInt32(), heatmap.GetProperty("index").GetInt32());
            Assert.Equal(top.GetProperty("label").GetString(), heatmap.GetProperty("label").GetString());
            using var png = SixLabors.ImageSharp.Image.Load(heatmap.GetProperty("png").GetBytesFromBase64());
            Assert.Equal((8, 8), (png.Width, png.Height));
            var grid = heatmap.GetProperty("grid").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
            Assert.Equal(8, grid.Length);
            Assert.All(grid, row => Assert.Equal(8, row.Length));
            Assert.All(grid.SelectMany(row => row), v => Assert.InRange(v, 0f, 1f));
        }
    }

    [Fact]
    public async Task WithoutExplainThereIsNoHeatmap()
    {
        var model = TestModels.Publish(_factory, "tiny", Classes);

        var response = await (await _client.PostAsync($"/classify?modelId={model.Id}", Multipart.Files("image", ("a.png", TestImages.Png(8, 8)))))
            .AssertJson(HttpStatusCode.OK);

        Assert.False(response.GetProperty("results")[0].TryGetProperty("heatmap", out _));
    }

    [Fact]
    public async Task ExplainingMoreImagesThanTheLimitIsABadRequest()
    {
        using var factory = ServiceFactory.With(new() { ["Classification:MaxExplainImages"] = "2" });
        var model = TestModels.Publish(factory, "tiny", Classes);
        var client = factory.CreateClient();
        var images = Enumerable.Range(0, 3).Select(i => ($"{i}.png", TestImages.Png(8, 8, i))).ToArray();

        var problem = await (await client.PostAsync($"/classify?modelId={model.Id}&explain=true", Multipart.Files("image", images)))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("explain", problem.GetProperty("errors").GetProperty("image")[0].GetString());
        await (await client.PostAsync($"/classify?modelId={model.Id}", Multipart.Files("image", images))).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NoModelYetIsNotFound() =>
        await (await _client.PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertProblem(HttpStatusCode.NotFound);

    [Fact]
    public async Task UnknownModelIsNotFound() =>
        await (await _client.PostAsync("/classify?modelId=../../etc", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertProblem(HttpStatusCode.NotFound);

    [Fact]
    public async Task MissingImagesAndBadTopKAreValidationProblems()
    {
        TestModels.Publish(_factory, "tiny", Classes);

        var problem = await (await _client.PostAsync("/classify?topK=0", Multipart.Files("photo", ("a.png", TestImages.Png(8, 8)))))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("topK", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("image", out _));
    }

    public static TheoryData<string, byte[], HttpStatusCode, string> BadImages() => new()
    {
        { "not an image", TestImages.NotAnImage(), HttpStatusCode.UnsupportedMediaType, "not a JPEG" },
        { "truncated", TestImages.Truncated(TestImages.Png(64, 64)), HttpStatusCode.BadRequest, "damaged or truncated" },
        { "huge header", TestImages.PngHeaderClaiming(60_000, 60_000), HttpStatusCode.RequestEntityTooLarge, "60000x60000" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task BadImagesAreProblems(string kind, byte[] image, HttpStatusCode status, string expected)
    {
        TestModels.Publish(_factory, "tiny", Classes);

        var problem = await (await _client.PostAsync("/classify", Multipart.Files("image", ($"{kind}.png", image)))).AssertProblem(status);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    private async Task<string?> ClassifiedBy() =>
        (await (await _client.PostAsync("/classify", Multipart.Files("image", ("a.png", TestImages.Png(8, 8))))).AssertJson(HttpStatusCode.OK))
        .GetProperty("modelId").GetString();

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
