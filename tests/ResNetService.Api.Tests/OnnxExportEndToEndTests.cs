using System.Net;
using Microsoft.ML.OnnxRuntime;
using ResNetService.Api.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Api.Tests;

/// <summary>What docs/onnx.md promises: the exported file and its metadata are all a user needs to classify as /classify does.</summary>
public sealed class OnnxExportEndToEndTests : IDisposable
{
    private static readonly string[] Classes = ["cat", "dog", "fish", "bird"];
    private readonly ServiceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheExportedModelClassifiesLikeTheServiceFromItsMetadataAlone()
    {
        var model = TestModels.Publish(_factory, "tiny", Classes);
        var client = _factory.CreateClient();
        var png = TestImages.Png(20, 12, seed: 3);
        var served = await (await client.PostAsync($"/classify?modelId={model.Id}&topK={Classes.Length}", Multipart.Files("image", ("a.png", png))))
            .AssertJson(HttpStatusCode.OK);
        var onnx = await (await client.GetAsync($"/models/{model.Id}/export?format=onnx")).Content.ReadAsByteArrayAsync();

        using var session = new InferenceSession(onnx);
        var probabilities = Run(session, png);

        foreach (var prediction in served.GetProperty("results")[0].GetProperty("predictions").EnumerateArray())
        {
            var index = prediction.GetProperty("index").GetInt32();
            Assert.Equal(prediction.GetProperty("probability").GetDouble(), probabilities[index], 1e-4);
        }
    }

    /// <summary>The preprocessing the metadata describes, and nothing from this code base.</summary>
    private static float[] Run(InferenceSession session, byte[] png)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("RGB", metadata["channel_order"]);
        Assert.Equal("1/255", metadata["scale"]);
        Assert.Equal("squash", metadata["eval_transform"]);
        var size = metadata["resize"].Split('x').Select(int.Parse).ToArray();
        var (width, height) = (size[0], size[1]);

        using var image = Image.Load<Rgb24>(png);
        image.Mutate(x => x.Resize(width, height, KnownResamplers.Triangle));
        return OnnxInputs.Probabilities(session, image);
    }
}
