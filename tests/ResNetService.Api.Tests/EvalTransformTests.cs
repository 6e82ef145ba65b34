using System.Net;
using Microsoft.ML.OnnxRuntime;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Evaluation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Api.Tests;

/// <summary>
/// A model's evaluation transform (squash or centerCrop) is one thing: evaluation, /classify and an ONNX Runtime user
/// following the export's metadata give the same probabilities on non-square photos, and an import can set it.
/// </summary>
public sealed class EvalTransformTests : IDisposable
{
    private static readonly string[] Classes = ["cat", "dog", "fish"];
    private const int Side = 16;
    private readonly ServiceFactory _factory = new();
    private readonly HttpClient _client;

    public EvalTransformTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(60, 34)]
    [InlineData(30, 52)]
    public async Task ACentreCropModelScoresNonSquarePhotosAlikeInClassifyOnnxRuntimeAndEvaluation(int width, int height)
    {
        var model = TestModels.Publish(_factory, "photos", Classes, side: Side, evalTransform: EvalTransform.CenterCrop, seed: 1);
        var photo = TestImages.Photo(width, height, seed: 2);
        var served = await Classify(model.Id, photo);
        var onnx = await (await _client.GetAsync($"/models/{model.Id}/export?format=onnx")).Content.ReadAsByteArrayAsync();
        using var session = new InferenceSession(onnx);

        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("centerCrop", metadata["eval_transform"]);
        var fromMetadata = Run(session, photo, CentreCrop(width, height, double.Parse(metadata["crop_fraction"], System.Globalization.CultureInfo.InvariantCulture)));
        var squashed = Run(session, photo, new Rectangle(0, 0, width, height));
        var evaluated = Evaluate(model, photo);

        for (var k = 0; k < Classes.Length; k++)
            Assert.Equal(served[Classes[k]], fromMetadata[k], 1e-4);
        Assert.Equal(served[Classes[0]] * served[Classes[1]], evaluated, 1e-4);
        Assert.True(Enumerable.Range(0, Classes.Length).Any(k => Math.Abs(squashed[k] - fromMetadata[k]) > 1e-3),
            "the photo squashed scores as its centre crop does, so this test shows nothing");
    }

    [Fact]
    public async Task AnImportedModelKeepsTheEvalTransformItIsGiven()
    {
        var original = TestModels.Publish(_factory, "squashing", Classes, side: Side, seed: 1);
        var checkpoint = File.ReadAllBytes(CheckpointOf(original));
        var photo = TestImages.Photo(60, 34, seed: 5);

        var imported = await (await _client.PostAsync("/models/import", ImportForms.Form(checkpoint, "squashing.ckpt", ("evalTransform", "centerCrop"))))
            .AssertJson(HttpStatusCode.Created);
        var kept = await (await _client.PostAsync("/models/import", ImportForms.Form(checkpoint, "squashing.ckpt")))
            .AssertJson(HttpStatusCode.Created);

        Assert.Equal("centerCrop", imported.GetProperty("preprocessing").GetProperty("evalTransform").GetString());
        Assert.Equal("squash", kept.GetProperty("preprocessing").GetProperty("evalTransform").GetString());
        var centre = CentreCrop(60, 34, CenterCrop.CropFraction);
        var croppedByHand = await Classify(original.Id, CroppedPng(photo, centre));
        var asImported = await Classify(imported.GetProperty("id").GetString()!, photo);
        var asKept = await Classify(kept.GetProperty("id").GetString()!, photo);
        var asOriginal = await Classify(original.Id, photo);
        Assert.All(Classes, c => Assert.Equal(croppedByHand[c], asImported[c], 1e-5));
        Assert.All(Classes, c => Assert.Equal(asOriginal[c], asKept[c], 1e-6));
        Assert.Contains(Classes, c => Math.Abs(asImported[c] - asOriginal[c]) > 1e-3);
    }

    [Fact]
    public async Task AnUnknownEvalTransformIsRefusedAndStoresNothing()
    {
        var original = TestModels.Publish(_factory, "squashing", Classes, side: Side);
        var checkpoint = File.ReadAllBytes(CheckpointOf(original));

        var problem = await (await _client.PostAsync("/models/import", ImportForms.Form(checkpoint, "squashing.ckpt", ("evalTransform", "stretch"))))
            .AssertJson(HttpStatusCode.BadRequest);

        Assert.Contains("squash or centerCrop", problem.GetProperty("errors").GetProperty("evalTransform")[0].GetString());
        var models = await (await _client.GetAsync("/models")).AssertJson(HttpStatusCode.OK);
        Assert.Single(models.GetProperty("items").EnumerateArray());
    }

    private async Task<Dictionary<string, double>> Classify(string modelId, byte[] image)
    {
        var served = await (await _client.PostAsync($"/classify?modelId={modelId}&topK={Classes.Length}", Multipart.Files("image", ("photo.jpg", image))))
            .AssertJson(HttpStatusCode.OK);
        return served.GetProperty("results")[0].GetProperty("predictions").EnumerateArray()
            .ToDictionary(p => p.GetProperty("label").GetString()!, p => p.GetProperty("probability").GetDouble());
    }

    /// <summary>
    /// What evaluation makes of the photo filed under the first class and again under the second: its mean loss is
    /// -(log p(first) + log p(second)) / 2, so exp(-2 loss) is the product of the two probabilities.
    /// </summary>
    private double Evaluate(ModelRow model, byte[] photo)
    {
        var folder = Path.Combine(_factory.Service<DataRoot>().Temporary, "evaluation-" + Guid.NewGuid().ToString("N"));
        foreach (var name in Classes[..2])
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            File.WriteAllBytes(Path.Combine(folder, name, "photo.jpg"), photo);
        }
        var loaded = ModelCheckpoint.Load(CheckpointOf(model));
        using var network = loaded.Model;
        var shape = loaded.Description.Architecture.Input;
        using var transfer = new InputTransfer(shape, loaded.Description.Normalization, TorchSharp.torch.CPU);
        var split = DatasetReader.Open(folder, DatasetReadOptions.Default).Train;
        var result = Evaluator.Evaluate(network, split, shape, loaded.Description.EvalRegion(), transfer, batchSize: 1, CancellationToken.None);
        return Math.Exp(-2 * result.Loss);
    }

    private string CheckpointOf(ModelRow model) => Path.Combine(_factory.Service<DataRoot>().FullPath, model.CheckpointPath);

    /// <summary>The centre window the metadata describes: the photo scaled to cover input / fraction, the input's size kept.</summary>
    private static Rectangle CentreCrop(int width, int height, double fraction)
    {
        var scale = Math.Max(Side / fraction / height, Side / fraction / width);
        var (w, h) = ((int)Math.Round(Side / scale), (int)Math.Round(Side / scale));
        return new Rectangle((width - w) / 2, (height - h) / 2, w, h);
    }

    private static byte[] CroppedPng(byte[] photo, Rectangle window)
    {
        using var image = Image.Load<Rgb24>(photo);
        image.Mutate(x => x.Crop(window));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>The preprocessing the metadata describes (a window of the photo, one bilinear resize, scale, normalise), then the network.</summary>
    private static float[] Run(InferenceSession session, byte[] photo, Rectangle window)
    {
        using var image = Image.Load<Rgb24>(photo);
        image.Mutate(x => x.Crop(window).Resize(Side, Side, KnownResamplers.Triangle));
        return OnnxInputs.Probabilities(session, image);
    }
}
