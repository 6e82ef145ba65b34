using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests.Cli;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-explain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Model()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1], Filters = [4, 4] }, new ImageShape(3, 8, 8), 2);
        var path = Path.Combine(_folder, "model.ckpt");
        using var model = ResNet.Seeded(config, seed: 1);
        ModelCheckpoint.Save(path, model, new ModelDescription(config, ["dark", "bright"], InputNormalization.Identity(3)));
        return path;
    }

    private string Image(string name, int width, int height)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, TestImages.Png(width, height));
        return path;
    }

    [Fact]
    public void EachImageIsWrittenWithItsHeatmapOverItAtItsOwnSize()
    {
        var first = Image("first.png", 40, 30);
        var second = Image("second.png", 8, 8);
        var output = Path.Combine(_folder, "out");

        var (exit, text, error) = CliRunner.Run("explain", "--model", Model(), "--image", first, second, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("first.png: ", text);
        Assert.Contains("second.png: ", text);
        using var overlay = SixLabors.ImageSharp.Image.Load<Rgb24>(Path.Combine(output, "first.heatmap.png"));
        using var original = SixLabors.ImageSharp.Image.Load<Rgb24>(first);
        Assert.Equal((40, 30), (overlay.Width, overlay.Height));
        Assert.NotEqual(original[5, 5], overlay[5, 5]);
        Assert.True(File.Exists(Path.Combine(output, "second.heatmap.png")));
    }

    [Fact]
    public void ADamagedModelOrImageIsOneLineAndExitCodeOne()
    {
        var broken = Path.Combine(_folder, "broken.ckpt");
        File.WriteAllBytes(broken, [1, 2, 3]);
        var notAnImage = Path.Combine(_folder, "notes.png");
        File.WriteAllText(notAnImage, "not pixels");

        var badModel = CliRunner.Run("explain", "--model", broken, "--image", Image("a.png", 8, 8), "--out", _folder);
        var badImage = CliRunner.Run("explain", "--model", Model(), "--image", notAnImage, "--out", _folder);

        Assert.Equal((1, 1), (badModel.Exit, badImage.Exit));
        Assert.Contains("broken.ckpt", badModel.Error);
        Assert.Contains("notes.png", badImage.Error);
    }
}
