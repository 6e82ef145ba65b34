using ResNetService.Api.Classification;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Api.Tests.Classification;

/// <summary>
/// The ONNX Runtime engine answers as the libtorch one does, from the same bytes, on every architecture family:
/// the export, the input normalisation and the session all take part.
/// </summary>
public sealed class InferenceEngineParityTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-engines-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, ResNetConfig> Families => new()
    {
        { "basic, small stem", ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(3, 32, 32), 10) },
        { "bottleneck, small stem, grayscale", ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 11, Bottleneck = true }, new ImageShape(1, 28, 28), 4) },
        { "basic, large stem, odd sizes", ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1, 2], Filters = [5, 7, 11] }, new ImageShape(3, 45, 37), 5) },
        { "bottleneck, large stem", ResNetConfigResolver.Resolve(new NetworkLayout { Bottleneck = true, Units = [1, 1, 1], Filters = [8, 16, 32, 64] }, new ImageShape(3, 64, 64), 6) },
        { "bottleneck, large stem, odd sizes, grayscale", ResNetConfigResolver.Resolve(new NetworkLayout { Bottleneck = true, Units = [2], Filters = [6, 12] }, new ImageShape(1, 33, 51), 3) },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void OnnxRuntimeGivesLibtorchsProbabilities(string name, ResNetConfig config)
    {
        var description = new ModelDescription(config, Enumerable.Range(0, config.Classes).Select(i => $"class {i}").ToArray(),
            new InputNormalization(
                Enumerable.Range(0, config.InputChannels).Select(c => 0.45f + 0.04f * c).ToArray(),
                Enumerable.Range(0, config.InputChannels).Select(c => 0.22f + 0.02f * c).ToArray()));
        using var model = WithMovedBatchNorms(ResNet.Seeded(config, seed: 3));
        var onnx = Path.Combine(_folder, "model.onnx");
        ModelExport.Write(model, description, ExportFormat.Onnx, onnx);
        using var libtorch = new LibtorchEngine(new LoadedCheckpoint(model, description, new Dictionary<string, byte[]>()), CPU);
        using var onnxRuntime = new OnnxRuntimeEngine(onnx, description, CPU);

        var random = new Random(11);
        foreach (var images in new[] { 5, 1, 3 })
        {
            var pixels = new byte[images * config.InputChannels * config.InputHeight * config.InputWidth];
            random.NextBytes(pixels);

            var expected = libtorch.Probabilities(pixels, images);
            var actual = onnxRuntime.Probabilities(pixels, images);

            Assert.Equal(images * config.Classes, actual.Length);
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= Tolerance, $"{name}, {images} images: the engines differ by {worst}");
        }
    }

    /// <summary>Batch norms that are not the identity, as after training (bn_data's scale stays MXNet's fixed 1).</summary>
    private static ResNet WithMovedBatchNorms(ResNet model)
    {
        var generator = new TorchSharp.torch.Generator(17);
        using (no_grad())
        {
            foreach (var (name, module) in model.named_modules())
            {
                if (module is not BatchNorm2d bn || name == "bn_data")
                    continue;
                bn.weight!.uniform_(0.5, 1.5, generator);
                bn.bias!.uniform_(-0.3, 0.3, generator);
                bn.running_mean!.uniform_(-0.2, 0.2, generator);
                bn.running_var!.uniform_(0.5, 2, generator);
            }
        }
        model.eval();
        return model;
    }
}
