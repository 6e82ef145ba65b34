using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using static TorchSharp.torch;

namespace ResNetService.Model.Tests;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (ResNet Model, ModelDescription Description) TrainedModel()
    {
        var config = ResNetTestModels.Config(3, 32, 3, 8);
        var model = ResNetTestModels.Build(config);
        using (var scope = NewDisposeScope())
            model.forward(randn(4, 3, 32, 32)); // training-mode forward moves the running statistics off their defaults
        var description = new ModelDescription(config, ["cat", "dog", "bird"], new InputNormalization([0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f]));
        return (model, description);
    }

    private string SavedCheckpoint()
    {
        var (model, description) = TrainedModel();
        using (model)
        {
            var path = Path.Combine(_folder, "model.ckpt");
            ModelCheckpoint.Save(path, model, description);
            return path;
        }
    }

    [Fact]
    public void RoundTripIsBitExactIncludingRunningStatistics()
    {
        var (model, description) = TrainedModel();
        using var _ = model;
        var path = Path.Combine(_folder, "model.ckpt");

        ModelCheckpoint.Save(path, model, description);
        var loaded = ModelCheckpoint.Load(path);
        using var restored = loaded.Model;

        var original = model.state_dict();
        var copy = restored.state_dict();
        Assert.Equal(original.Keys.Order(), copy.Keys.Order());
        Assert.All(original, p => Assert.True(p.Value.eq(copy[p.Key]).all().item<bool>(), p.Key));
        Assert.Equal(description.Classes, loaded.Description.Classes);
        Assert.Equal(description.Normalization.Mean, loaded.Description.Normalization.Mean);
        Assert.Equal(description.Architecture, loaded.Description.Architecture);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void ExtraEntriesTravelWithTheCheckpoint()
    {
        var (model, description) = TrainedModel();
        using var _ = model;
        var path = Path.Combine(_folder, "train.ckpt");

        ModelCheckpoint.Save(path, model, description, new Dictionary<string, byte[]> { ["trainer.json"] = "{\"epoch\":3}"u8.ToArray() });

        using var loaded = ModelCheckpoint.Load(path).Model;
        Assert.Equal("{\"epoch\":3}"u8.ToArray(), CheckpointArchive.Read(path)["trainer.json"]);
    }

    [Fact]
    public void AnEntryDeclaringMoreThanTheFileHoldsIsRefusedBeforeItIsRead()
    {
        const long declared = 0x7FFF0000;
        var path = Path.Combine(_folder, "lying.ckpt");
        using (var source = ZipFile.OpenRead(SavedCheckpoint()))
        using (var lying = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            var weights = ReadEntry(source, ModelCheckpoint.WeightsEntry);
            var index = new { formatVersion = 1, entries = new Dictionary<string, object> { [ModelCheckpoint.WeightsEntry] = new { length = declared, sha256 = Convert.ToHexString(SHA256.HashData(weights)) } } };
            WriteEntry(lying, "index.json", JsonSerializer.SerializeToUtf8Bytes(index));
            WriteEntry(lying, ModelCheckpoint.DescriptionEntry, ReadEntry(source, ModelCheckpoint.DescriptionEntry));
            WriteEntry(lying, ModelCheckpoint.WeightsEntry, weights);
        }
        DeclareUncompressedSize(path, ModelCheckpoint.WeightsEntry, declared);

        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(path));

        Assert.Contains($"entry '{ModelCheckpoint.WeightsEntry}' declares {declared} bytes, more than the {new FileInfo(path).Length}-byte file holds", error.Message);
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }

    /// <summary>Rewrites the entry's uncompressed size in its local header and its central directory record, as a forger would.</summary>
    private static void DeclareUncompressedSize(string path, string entry, long size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(entry);
        for (var at = 0; at + 46 < bytes.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var (sizeAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 30),
                0x02014b50 => (24, 46),
                _ => (0, 0),
            };
            if (nameAt > 0 && bytes.AsSpan(at + nameAt).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + sizeAt), (uint)size);
        }
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void TruncatedCheckpointIsRefusedClearly()
    {
        var path = SavedCheckpoint();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(path));
        Assert.Contains("model.ckpt", error.Message);
    }

    [Fact]
    public void FlippedWeightByteIsDetected()
    {
        var path = SavedCheckpoint();
        var bytes = File.ReadAllBytes(path);
        var weightsAt = bytes.AsSpan().IndexOf("conv0.weight"u8) + 64;
        bytes[weightsAt] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(path));
        Assert.Contains("corrupted", error.Message);
    }

    [Fact]
    public void DescriptionThatDoesNotMatchTheWeightsIsRefused()
    {
        var path = SavedCheckpoint();
        var entries = new Dictionary<string, byte[]>(CheckpointArchive.Read(path));
        var json = System.Text.Encoding.UTF8.GetString(entries[ModelCheckpoint.DescriptionEntry]);
        entries[ModelCheckpoint.DescriptionEntry] = System.Text.Encoding.UTF8.GetBytes(json.Replace("\"classes\": 3", "\"classes\": 4").Replace("\"bird\"", "\"bird\", \"fish\""));
        CheckpointArchive.Write(path, entries);

        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(path));
        Assert.Contains("do not fit", error.Message);
    }

    [Fact]
    public void FileThatIsNotACheckpointIsRefused()
    {
        var path = Path.Combine(_folder, "notes.ckpt");
        File.WriteAllText(path, "hello");

        Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(path));
        Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load(Path.Combine(_folder, "missing.ckpt")));
    }

    [Theory]
    [InlineData(ExportFormat.PyTorch)]
    [InlineData(ExportFormat.SafeTensors)]
    public void ExportWritesTheStateDictUnderItsNames(ExportFormat format)
    {
        var (model, description) = TrainedModel();
        using var _ = model;
        var path = Path.Combine(_folder, "export" + ModelExport.FileExtension(format));

        ModelExport.Write(model, description, format, path);

        var names = format == ExportFormat.PyTorch ? PickledStateDict(path) : File.ReadAllBytes(path);
        Assert.True(names.AsSpan().IndexOf("stage2.unit1.conv1.weight"u8) >= 0);
        using var copy = ResNetTestModels.Build(model.Config, seed: 99);
        if (format == ExportFormat.PyTorch)
            TorchSharp.PyBridge.PyBridgeModuleExtensions.load_py(copy, path);
        else
            TorchSharp.PyBridge.PyBridgeModuleExtensions.load_safetensors(copy, path);
        var copied = copy.state_dict();
        Assert.All(model.state_dict(), p => Assert.True(p.Value.eq(copied[p.Key]).all().item<bool>(), p.Key));
    }

    /// <summary>torch.save's zip format keeps the state dict's keys in its data.pkl entry.</summary>
    private static byte[] PickledStateDict(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var pickle = zip.Entries.Single(e => e.FullName.EndsWith("data.pkl")).Open();
        using var buffer = new MemoryStream();
        pickle.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void DescriptionsWrittenBeforeTheEvalTransformExistedSquashAndNewOnesKeepTheirs()
    {
        var (model, description) = TrainedModel();
        using (model)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
                description with { EvalTransform = ResNetService.Model.Preprocessing.EvalTransform.CenterCrop }, CheckpointJson.Options))!.AsObject();

            Assert.Equal("centerCrop", json["evalTransform"]!.GetValue<string>());
            Assert.Equal(ResNetService.Model.Preprocessing.EvalTransform.CenterCrop,
                System.Text.Json.JsonSerializer.Deserialize<ModelDescription>(json.ToJsonString(), CheckpointJson.Options)!.EvalTransform);
            json.Remove("evalTransform");
            Assert.Equal(ResNetService.Model.Preprocessing.EvalTransform.Squash,
                System.Text.Json.JsonSerializer.Deserialize<ModelDescription>(json.ToJsonString(), CheckpointJson.Options)!.EvalTransform);
        }
    }
}
