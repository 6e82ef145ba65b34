using System.CommandLine;
using System.Globalization;
using ResNetService.Api.Classification;
using ResNetService.Model;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Explanation;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace ResNetService.Api.Cli;

/// <summary>
/// <c>explain</c>: classifies images with a model file and writes each one with its Grad-CAM heatmap laid over it, as
/// <c>POST /classify?explain=true</c> computes it.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { HelpName = "file", Required = true, Description = "A model checkpoint (.ckpt), as training writes it or GET /models/{id} is stored." };
        var images = new Option<string[]>("--image") { HelpName = "file", Required = true, AllowMultipleArgumentsPerToken = true, Description = "Images to classify (JPEG, PNG, BMP, GIF, WebP); repeat or list several." };
        var output = new Option<string>("--out") { HelpName = "dir", Required = true, Description = "Folder for the overlays, one NAME.heatmap.png per image." };
        var opacity = CliOption.Of("--opacity", "0..1", 0.5, "The heatmap's share of each pixel of the overlay.");
        var device = CliOption.Device("Device to run on.");
        var command = new Command("explain", "Classify images with a model file and write each with the Grad-CAM heatmap of its top class laid over it: "
            + "where the network looked. One forward and one small backward per batch.")
        {
            model, images, output, opacity, device,
        };
        command.SetAction(result =>
        {
            var blend = result.GetValue(opacity);
            if (blend is < 0 or > 1)
                throw new CliUsageException($"--opacity takes 0 to 1, not {blend.ToString(CultureInfo.InvariantCulture)}.");
            return Run(result.GetRequiredValue(model), result.GetRequiredValue(images), Path.GetFullPath(result.GetRequiredValue(output)), (float)blend,
                result.GetRequiredValue(device), result.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(string modelPath, string[] imagePaths, string outputFolder, float opacity, string device, TextWriter output)
    {
        foreach (var path in imagePaths.Where(p => !File.Exists(p)))
            throw new CliUsageException($"--image '{path}' does not exist.");
        NativeMemory.Tune();
        var loaded = ModelCheckpoint.Load(modelPath, TorchDevices.Resolve(device));
        using var network = loaded.Model;
        network.eval();
        var description = loaded.Description;
        var a = description.Architecture;
        var shape = a.Input;
        var pixels = new byte[imagePaths.Length * shape.ByteCount];
        var region = description.EvalRegion();
        for (var i = 0; i < imagePaths.Length; i++)
        {
            using var content = File.OpenRead(imagePaths[i]);
            ImageDecoder.DecodeInto(content, Path.GetFileName(imagePaths[i]), a.InputChannels, a.InputHeight, a.InputWidth,
                pixels.AsSpan(i * shape.ByteCount, shape.ByteCount), region);
        }
        ImageExplanation[] explanations;
        using (var transfer = new InputTransfer(shape, description.Normalization, TorchDevices.Resolve(device)))
        using (var scope = NewDisposeScope())
            explanations = GradCam.Explain(network, transfer.Images(pixels, imagePaths.Length));

        Directory.CreateDirectory(outputFolder);
        for (var i = 0; i < imagePaths.Length; i++)
        {
            var explanation = explanations[i];
            var overlayPath = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(imagePaths[i]) + ".heatmap.png");
            using var image = Image.Load<Rgb24>(imagePaths[i]);
            // The heatmap covers what the network saw: the evaluation crop, when the model takes one.
            if (region is not null)
                image.Mutate(context => context.Crop(region.Choose(image.Size(), Random.Shared)));
            using (var overlay = HeatmapRendering.Overlay(image, explanation.Map, opacity))
                overlay.SaveAsPng(overlayPath);
            var top = explanation.Map.ClassIndex;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(imagePaths[i])}: {description.Classes[top]} {explanation.Probabilities[top]:P1} -> {overlayPath}"));
        }
        return 0;
    }
}
