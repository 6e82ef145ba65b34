using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using TorchSharp.Modules;
using static TorchSharp.torch;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace ResNetService.Model.Tests.Export;

public sealed class OnnxExportTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, ResNetConfig> Architectures => new()
    {
        { "basic, small stem", ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(3, 32, 32), 10) },
        { "bottleneck, small stem", ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 11, Bottleneck = true }, new ImageShape(1, 28, 28), 4) },
        { "basic, large stem, odd sizes", ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1, 2], Filters = [5, 7, 11] }, new ImageShape(3, 45, 37), 5) },
        { "bottleneck, large stem", ResNetConfigResolver.Resolve(new NetworkLayout { Bottleneck = true, Units = [1, 1, 1], Filters = [8, 16, 32, 64] }, new ImageShape(3, 64, 64), 6) },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OnnxRuntimeGivesTheNetworksProbabilities(string name, ResNetConfig config)
    {
        using var model = TrainedLooking(config);
        var path = Export(model, Description(config));
        using var session = new InferenceSession(path);

        foreach (var batch in new[] { 7, 1 })
        {
            using var scope = NewDisposeScope();
            var images = randn(batch, config.InputChannels, config.InputHeight, config.InputWidth, generator: new Generator((ulong)batch));
            float[] expected;
            using (no_grad())
                expected = model.forward(images).softmax(1).data<float>().ToArray();

            var actual = Run(session, images);

            Assert.Equal(batch * config.Classes, actual.Length);
            var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= Tolerance, $"{name}, batch {batch}: differs by {worst}");
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public void ExportedModelPassesTheOnnxChecker(string name, ResNetConfig config)
    {
        using var model = TrainedLooking(config);
        var path = Export(model, Description(config));

        var problems = OnnxChecker.Problems(path);

        Assert.True(problems is null, $"{name}: {problems}");
    }

    [Fact]
    public void MetadataCarriesThePreprocessingAndTheClasses()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1], Filters = [4, 8] }, new ImageShape(3, 40, 30), 3);
        using var model = TrainedLooking(config);
        var description = Description(config);
        using var session = new InferenceSession(Export(model, description));

        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(description.Classes, JsonSerializer.Deserialize<string[]>(metadata["classes"]));
        Assert.Equal(description.Normalization.Mean, JsonSerializer.Deserialize<float[]>(metadata["mean"]));
        Assert.Equal(description.Normalization.Std, JsonSerializer.Deserialize<float[]>(metadata["std"]));
        Assert.Equal("RGB", metadata["channel_order"]);
        Assert.Equal("30x40", metadata["resize"]);
        Assert.Equal("1/255", metadata["scale"]);
        var input = session.InputMetadata[OnnxModel.InputName];
        Assert.Equal([-1, 3, 40, 30], input.Dimensions);
        Assert.Equal([-1, 3], session.OutputMetadata[OnnxModel.OutputName].Dimensions);
    }

    private string Export(ResNet model, ModelDescription description)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.onnx");
        ModelExport.Write(model, description, ExportFormat.Onnx, path);
        return path;
    }

    private static ModelDescription Description(ResNetConfig config) => new(
        config,
        Enumerable.Range(0, config.Classes).Select(i => $"class {i}").ToArray(),
        new InputNormalization(
            Enumerable.Range(0, config.InputChannels).Select(c => 0.4f + 0.05f * c).ToArray(),
            Enumerable.Range(0, config.InputChannels).Select(c => 0.2f + 0.03f * c).ToArray()));

    /// <summary>
    /// A network whose BNs are not the identity: random scales and shifts (bn_data's scale stays fixed at 1) and
    /// running statistics moved by training-mode forwards, then switched to inference.
    /// </summary>
    private static ResNet TrainedLooking(ResNetConfig config)
    {
        var model = ResNetTestModels.Build(config, seed: 5);
        using (no_grad())
        {
            foreach (var (name, module) in model.named_modules())
            {
                if (module is not BatchNorm2d bn || name == "bn_data")
                    continue;
                bn.weight!.uniform_(0.5, 1.5);
                bn.bias!.uniform_(-0.3, 0.3);
            }
            for (var i = 0; i < 3; i++)
            {
                using var scope = NewDisposeScope();
                model.forward(randn(4, config.InputChannels, config.InputHeight, config.InputWidth).mul_(2).add_(0.5));
            }
        }
        model.eval();
        return model;
    }

    private static float[] Run(InferenceSession session, Tensor images)
    {
        var input = new DenseTensor(images.data<float>().ToArray(), images.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxModel.InputName, input)]);
        return results.Single(r => r.Name == OnnxModel.OutputName).AsEnumerable<float>().ToArray();
    }
}
