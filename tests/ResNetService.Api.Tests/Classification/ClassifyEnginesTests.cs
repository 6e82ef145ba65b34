using System.Net;
using ResNetService.Api.Models;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Classification;

/// <summary>/classify served by each engine, on the same records: the same probabilities, and heatmaps from either.</summary>
public sealed class ClassifyEnginesTests : IDisposable
{
    private static readonly string[] Classes = ["a", "b", "c"];
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "resnetservice-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataRoot))
            Directory.Delete(_dataRoot, recursive: true);
    }

    [Fact]
    public async Task BothEnginesAnswerTheSameAndOnnxRuntimeServesTheCachedExport()
    {
        using var libtorch = Service("libtorch");
        var model = TestModels.Publish(libtorch, "shared", Classes, side: 12, stages: 2);
        using var onnxRuntime = Service("onnxruntime");

        var byLibtorch = await Probabilities(libtorch, model.Id);
        var byOnnxRuntime = await Probabilities(onnxRuntime, model.Id);

        Assert.Equal(byLibtorch.Length, byOnnxRuntime.Length);
        var worst = byLibtorch.Zip(byOnnxRuntime, (l, o) => Math.Abs(l - o)).Max();
        Assert.True(worst <= 1e-5, $"The engines differ by {worst}");
        var export = Path.Combine(Path.GetDirectoryName(onnxRuntime.Service<ModelStore>().CheckpointOf(model))!, "exports", "onnx.onnx");
        Assert.True(File.Exists(export), "ONNX Runtime serves the model's cached ONNX export.");
    }

    [Fact]
    public async Task ExplainedImagesGetHeatmapsWhenOnnxRuntimeServes()
    {
        using var onnxRuntime = Service("onnxruntime");
        var model = TestModels.Publish(onnxRuntime, "explained", Classes, side: 12);

        var response = await (await onnxRuntime.CreateClient().PostAsync($"/classify?modelId={model.Id}&explain=true",
            Multipart.Files("image", ("a.png", TestImages.Png(12, 12, 1)), ("b.png", TestImages.Png(16, 10, 2))))).AssertJson(HttpStatusCode.OK);

        Assert.All(response.GetProperty("results").EnumerateArray(),
            result => Assert.True(result.GetProperty("heatmap").GetProperty("png").GetBytesFromBase64().Length > 0));
    }

    private ServiceFactory Service(string engine) =>
        ServiceFactory.With(new() { ["Storage:DataRoot"] = _dataRoot, ["Classification:Engine"] = engine });

    private static async Task<double[]> Probabilities(ServiceFactory service, string modelId)
    {
        var response = await (await service.CreateClient().PostAsync($"/classify?modelId={modelId}&topK=3",
            Multipart.Files("image", ("a.png", TestImages.Png(12, 12, 1)), ("b.png", TestImages.Png(30, 20, 2)), ("c.png", TestImages.Png(7, 9, 3)))))
            .AssertJson(HttpStatusCode.OK);
        return response.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("predictions").EnumerateArray().OrderBy(p => p.GetProperty("index").GetInt32()))
            .Select(p => p.GetProperty("probability").GetDouble()).ToArray();
    }
}
