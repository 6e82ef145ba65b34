using System.Net;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using ResNetService.Api.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace ResNetService.Api.Tests;

/// <summary>What the README promises: the exported file and its metadata are all a user needs to classify as /classify does.</summary>
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
        var size = metadata["resize"].Split('x').Select(int.Parse).ToArray();
        var (width, height) = (size[0], size[1]);
        var mean = JsonSerializer.Deserialize<float[]>(metadata["mean"])!;
        var std = JsonSerializer.Deserialize<float[]>(metadata["std"])!;

        using var image = Image.Load<Rgb24>(png);
        image.Mutate(x => x.Resize(width, height, KnownResamplers.Triangle));
        var input = new DenseTensor([1, 3, height, width]);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                byte[] channels = [image[x, y].R, image[x, y].G, image[x, y].B];
                for (var c = 0; c < 3; c++)
                    input[0, c, y, x] = (channels[c] / 255f - mean[c]) / std[c];
            }
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("images", input)]);
        return results.Single(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();
    }
}
