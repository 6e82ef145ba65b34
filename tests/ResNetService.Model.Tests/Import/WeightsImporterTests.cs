using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Import;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using static ResNetService.Model.Tests.Import.WeightFileWriters;
using static TorchSharp.torch;

namespace ResNetService.Model.Tests.Import;

public sealed class WeightsImporterTests : IDisposable
{
    private static readonly ResNetConfig Config = ResNetTestModels.Config(3, 16, 3, depth: 8);
    private static readonly ModelDescription Description = new(Config, ["a", "b", "c"], InputNormalization.Identity(3));
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A network whose running statistics have left their defaults, as a trained one's have.</summary>
    private static ResNet TrainedModel(ResNetConfig? config = null)
    {
        var model = ResNetTestModels.Build(config ?? Config, seed: 5);
        using (NewDisposeScope())
            model.forward(randn(4, 3, 16, 16));
        model.eval();
        return model;
    }

    private static void AssertSameOutputs(ResNet expected, ResNet actual)
    {
        using var scope = NewDisposeScope();
        actual.eval();
        using var _ = no_grad();
        manual_seed(11);
        var input = randn(6, 3, 16, 16);
        var difference = expected.forward(input).sub(actual.forward(input)).abs().max().item<float>();
        Assert.True(difference <= 1e-5f, $"outputs differ by {difference}");
    }

    [Theory]
    [InlineData(ExportFormat.PyTorch, WeightsFormat.PyTorch)]
    [InlineData(ExportFormat.SafeTensors, WeightsFormat.SafeTensors)]
    public void ExportedWeightsImportToTheSameOutputs(ExportFormat export, WeightsFormat import)
    {
        using var original = TrainedModel();
        var path = PathOf("weights" + ModelExport.FileExtension(export));
        ModelExport.Write(original, Description, export, path);

        using var imported = WeightsImporter.Load(path, import, Config);

        AssertSameOutputs(original, imported);
    }

    [Fact]
    public void OurCheckpointImportsAndTheImportIsAModelCheckpoint()
    {
        using var original = TrainedModel();
        var source = PathOf("source.ckpt");
        var description = new ModelDescription(Config, ["a", "b", "c"], new InputNormalization([0.1f, 0.2f, 0.3f], [0.5f, 0.5f, 0.5f]));
        ModelCheckpoint.Save(source, original, description);
        var target = PathOf("imported.ckpt");

        WeightsImporter.ImportToCheckpoint(source, WeightsFormat.Checkpoint, description with { Classes = ["x", "y", "z"] }, target);

        var loaded = ModelCheckpoint.Load(target);
        using var imported = loaded.Model;
        Assert.Equal(["x", "y", "z"], loaded.Description.Classes);
        AssertSameOutputs(original, imported);
    }

    [Fact]
    public void MxnetParamsPutEveryValueWhereItBelongs()
    {
        using var layout = ResNetTestModels.Build(Config);
        var tensors = NumberedStateDict(layout);
        var path = PathOf("resnet-0010.params");
        WriteMxnet(path, tensors.Select(t => t with { Name = MxnetName(t.Name) }).ToList());

        using var imported = WeightsImporter.Load(path, WeightsFormat.Mxnet, Config);

        var state = imported.state_dict();
        Assert.Contains(tensors, t => t.Name == "stage1.unit1.conv1.weight");
        Assert.Contains(tensors, t => t.Name == "stage2.unit1.sc.weight");
        foreach (var tensor in tensors.Where(t => t.Name != "bn_data.weight"))
            Assert.Equal(tensor.Values, state[tensor.Name].data<float>().ToArray());
        // bn_data has fix_gamma=True in MXNet: its stored scale is ignored there and here.
        Assert.All(state["bn_data.weight"].data<float>().ToArray(), v => Assert.Equal(1f, v));
    }

    [Theory]
    [InlineData("arg:stage1_unit1_conv1_weight", "stage1.unit1.conv1.weight")]
    [InlineData("arg:stage3_unit12_sc_weight", "stage3.unit12.sc.weight")]
    [InlineData("arg:bn_data_gamma", "bn_data.weight")]
    [InlineData("arg:bn_data_beta", "bn_data.bias")]
    [InlineData("aux:bn_data_moving_mean", "bn_data.running_mean")]
    [InlineData("aux:stage2_unit1_bn3_moving_var", "stage2.unit1.bn3.running_var")]
    [InlineData("arg:fc1_bias", "fc1.bias")]
    [InlineData("conv0_weight", "conv0.weight")]
    [InlineData("arg:softmax_label", null)]
    public void MxnetNamesMapToOurs(string mxnet, string? ours) => Assert.Equal(ours, MxnetNames.ToStateDictName(mxnet));

    [Theory]
    [InlineData("model.ckpt", WeightsFormat.Checkpoint)]
    [InlineData("resnet.PTH", WeightsFormat.PyTorch)]
    [InlineData("model.safetensors", WeightsFormat.SafeTensors)]
    [InlineData("resnet-0090.params", WeightsFormat.Mxnet)]
    [InlineData("weights.onnx", null)]
    public void FileNamesSuggestAFormat(string name, WeightsFormat? format) => Assert.Equal(format, WeightsFormats.FromFileName(name));

    [Fact]
    public void OlderMxnetArrayHeadersAreRead()
    {
        using var layout = ResNetTestModels.Build(Config);
        var tensors = NumberedStateDict(layout);
        var path = PathOf("v1.params");
        WriteMxnet(path, tensors.Select(t => t with { Name = MxnetName(t.Name) }).ToList(), MxnetV1);

        using var imported = WeightsImporter.Load(path, WeightsFormat.Mxnet, Config);

        Assert.Equal(tensors.Single(t => t.Name == "fc1.weight").Values, imported.state_dict()["fc1.weight"].data<float>().ToArray());
    }

    private List<NamedValues> Numbered()
    {
        using var layout = ResNetTestModels.Build(Config);
        return NumberedStateDict(layout);
    }

    private WeightsImportException Refused(string path, WeightsFormat format, ResNetConfig? config = null)
    {
        var target = PathOf("target.ckpt");
        var description = new ModelDescription(config ?? Config, Enumerable.Range(0, (config ?? Config).Classes).Select(c => $"c{c}").ToArray(),
            InputNormalization.Identity(3));
        var error = Assert.Throws<WeightsImportException>(() => WeightsImporter.ImportToCheckpoint(path, format, description, target));
        Assert.False(File.Exists(target));
        Assert.Contains(Path.GetFileName(path), error.Message);
        return error;
    }

    [Fact]
    public void EveryShapeMismatchIsNamed()
    {
        var path = PathOf("three-classes.safetensors");
        WriteSafeTensors(path, Numbered());

        var error = Refused(path, WeightsFormat.SafeTensors, ResNetTestModels.Config(3, 16, 5, depth: 8));

        Assert.Contains("'fc1.weight' has shape [3, 64], the architecture expects [5, 64].", error.Problems);
        Assert.Contains("'fc1.bias' has shape [3], the architecture expects [5].", error.Problems);
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void UnknownAndMissingTensorsAreNamed()
    {
        var tensors = Numbered().Where(t => t.Name != "stage2.unit1.sc.weight").Append(new NamedValues("head.weight", [2], [1, 2])).ToList();
        var path = PathOf("odd.safetensors");
        WriteSafeTensors(path, tensors);

        var error = Refused(path, WeightsFormat.SafeTensors);

        Assert.Contains("'head.weight' is no tensor of this network.", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("'stage2.unit1.sc.weight' (shape [32, 16, 1, 1]) is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownMxnetNamesAreNamedAsTheFileSpellsThem()
    {
        var tensors = Numbered().Select(t => t with { Name = MxnetName(t.Name) }).Append(new NamedValues("arg:softmax_label", [1], [0])).ToList();
        var path = PathOf("extra.params");
        WriteMxnet(path, tensors);

        var error = Refused(path, WeightsFormat.Mxnet);

        Assert.Equal(["'arg:softmax_label' is no tensor of this network."], error.Problems);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteValuesAreRefused(float bad)
    {
        var tensors = Numbered();
        tensors.Single(t => t.Name == "stage1.unit1.conv2.weight").Values[3] = bad;
        var path = PathOf("bad.params");
        WriteMxnet(path, tensors.Select(t => t with { Name = MxnetName(t.Name) }).ToList());

        var error = Refused(path, WeightsFormat.Mxnet);

        Assert.Equal(["'arg:stage1_unit1_conv2_weight' (stage1.unit1.conv2.weight) holds 1 NaN or infinite value."], error.Problems);
    }

    public enum Damage
    {
        Truncated,
        WrongFormat,
        Garbage,
    }

    [Theory]
    [InlineData(WeightsFormat.Mxnet, Damage.Truncated, "truncated")]
    [InlineData(WeightsFormat.Mxnet, Damage.WrongFormat, "not an MXNet .params file")]
    [InlineData(WeightsFormat.Mxnet, Damage.Garbage, "not an MXNet .params file")]
    [InlineData(WeightsFormat.SafeTensors, Damage.Truncated, "data section (truncated or corrupt)")]
    [InlineData(WeightsFormat.SafeTensors, Damage.WrongFormat, "not a safetensors file")]
    [InlineData(WeightsFormat.SafeTensors, Damage.Garbage, "not a safetensors file")]
    [InlineData(WeightsFormat.PyTorch, Damage.Truncated, "cannot be read as a torch.save state dict")]
    [InlineData(WeightsFormat.PyTorch, Damage.WrongFormat, "not a PyTorch file")]
    [InlineData(WeightsFormat.PyTorch, Damage.Garbage, "not a PyTorch file")]
    [InlineData(WeightsFormat.Checkpoint, Damage.Truncated, "truncated")]
    [InlineData(WeightsFormat.Checkpoint, Damage.WrongFormat, "not a checkpoint")]
    [InlineData(WeightsFormat.Checkpoint, Damage.Garbage, "not a checkpoint")]
    public void DamagedOrMislabelledFilesAreRefused(WeightsFormat format, Damage damage, string problem)
    {
        var path = PathOf("weights");
        var wellFormed = WellFormed(format);
        var bytes = damage switch
        {
            Damage.Truncated => File.ReadAllBytes(wellFormed)[..(int)(new FileInfo(wellFormed).Length * 2 / 3)],
            Damage.WrongFormat => File.ReadAllBytes(WellFormed(format == WeightsFormat.SafeTensors ? WeightsFormat.Mxnet : WeightsFormat.SafeTensors)),
            _ => "these are not weights at all, just some text"u8.ToArray(),
        };
        File.WriteAllBytes(path, bytes);

        var error = Refused(path, format);

        Assert.Contains(problem, error.Message);
    }

    private string WellFormed(WeightsFormat format)
    {
        var path = PathOf($"well-formed-{format}");
        if (File.Exists(path))
            return path;
        using var model = TrainedModel();
        switch (format)
        {
            case WeightsFormat.Mxnet:
                WriteMxnet(path, NumberedStateDict(model).Select(t => t with { Name = MxnetName(t.Name) }).ToList());
                break;
            case WeightsFormat.SafeTensors:
                WriteSafeTensors(path, NumberedStateDict(model));
                break;
            case WeightsFormat.PyTorch:
                ModelExport.Write(model, Description, ExportFormat.PyTorch, path);
                break;
            default:
                ModelCheckpoint.Save(path, model, Description);
                break;
        }
        return path;
    }

    [Fact]
    public void MxnetCountsBeyondTheFileAreRefusedBeforeAnythingIsAllocated()
    {
        var path = PathOf("huge.params");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(0x112UL);
            writer.Write(0UL);
            writer.Write(1UL);
            writer.Write(MxnetV2);
            writer.Write(0);
            writer.Write(2);
            writer.Write(1L << 40);
            writer.Write(1L << 40);
            writer.Write(1);
            writer.Write(0);
            writer.Write(0);
        }

        var error = Refused(path, WeightsFormat.Mxnet);

        Assert.Contains("array #1 of shape [1099511627776, 1099511627776]", error.Message);
    }

    [Fact]
    public void APyTorchTensorDeclaredHugeIsRefusedByItsShapeBeforeItsStorageIsRead()
    {
        var path = PathOf("huge.pt");
        PyTorchFiles.WriteOneTensor(path, "fc1.weight", [1 << 20, 1 << 20], storageBytes: 16);

        var error = Refused(path, WeightsFormat.PyTorch);

        Assert.Contains("'fc1.weight' has shape [1048576, 1048576], the architecture expects [3, 64].", error.Problems);
    }

    [Fact]
    public void SafeTensorsRangesThatDisagreeWithTheirShapeAreRefused()
    {
        var path = PathOf("lying.safetensors");
        var json = """{"fc1.bias":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"""u8.ToArray();
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write((ulong)json.Length);
            writer.Write(json);
            writer.Write(new byte[8]);
        }

        var error = Refused(path, WeightsFormat.SafeTensors);

        Assert.Contains("'fc1.bias' spans 8 bytes, but shape [3] of F32 needs 12.", error.Problems);
    }

    [Fact]
    public void MissingFileIsRefused() => Assert.Contains("does not exist", Refused(PathOf("absent.pt"), WeightsFormat.PyTorch).Message);
}
