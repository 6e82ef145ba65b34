using System.Net;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly ServiceFactory _factory = new();
    private readonly string _root = Directory.CreateTempSubdirectory("resnet-import-").FullName;

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ImportWritesACheckpointThatTheServiceImports()
    {
        var client = _factory.CreateClient();
        var original = TestModels.Publish(_factory, "original", ["cat", "dog"]);
        var weights = Path.Combine(_root, "weights.safetensors");
        await File.WriteAllBytesAsync(weights, await client.GetByteArrayAsync($"/models/{original.Id}/export?format=safetensors"));
        var checkpoint = Path.Combine(_root, "model.ckpt");

        var (exit, output, error) = CliRunner.Run("import", "--weights", weights, "--units", "1", "--filters", "4,4", "--input", "3x8x8",
            "--classes", "cat,dog", "--mean", "0.5,0.5,0.5", "--std", "0.25,0.25,0.25", "--out", checkpoint);

        Assert.True(exit == 0, error);
        Assert.Contains("format=checkpoint", output);
        var imported = await (await client.PostAsync("/models/import", ImportForms.Form(await File.ReadAllBytesAsync(checkpoint), "model.ckpt", ("format", "checkpoint"))))
            .AssertJson(HttpStatusCode.Created);
        Assert.Equal(["cat", "dog"], imported.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0.25, imported.GetProperty("preprocessing").GetProperty("std")[2].GetDouble());
        var saved = ModelCheckpoint.Load(checkpoint);
        using var network = saved.Model;
        using var source = ModelCheckpoint.Load(Path.Combine(_factory.DataRoot, original.CheckpointPath)).Model;
        Assert.All(source.state_dict(), p => Assert.True(p.Value.eq(network.state_dict()[p.Key]).all().item<bool>(), p.Key));
    }

    [Fact]
    public void MissingClassesAndABadFileAreRefusedWithoutWritingAnything()
    {
        var weights = Path.Combine(_root, "weights.pt");
        File.WriteAllBytes(weights, new byte[100]);
        var checkpoint = Path.Combine(_root, "model.ckpt");

        var (noClasses, _, classesError) = CliRunner.Run("import", "--weights", weights, "--depth", "8", "--input", "1x16x16", "--out", checkpoint);
        var (badFile, _, fileError) = CliRunner.Run("import", "--weights", weights, "--depth", "8", "--input", "1x16x16", "--classes", "a,b", "--out", checkpoint);

        Assert.Equal(2, noClasses);
        Assert.StartsWith("--classes:", classesError);
        Assert.Equal(1, badFile);
        Assert.Contains("'weights.pt' cannot be imported", fileError);
        Assert.False(File.Exists(checkpoint));
    }
}
