using System.CommandLine;
using System.Globalization;
using ResNetService.Api.Classification;
using ResNetService.Model;

namespace ResNetService.Api.Cli;

/// <summary><c>bench classify</c>: an engine's inference throughput, the forward pass /classify runs, per batch size.</summary>
internal static class BenchClassifyCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var batches = CliOption.IntList("--batch", "Batch sizes to measure, such as 1,16,64 (the default).", "--batch-size");
        var steps = CliOption.Count("--steps", 30, 1, "Measured forward passes per batch size.");
        var warmup = CliOption.Count("--warmup-steps", 5, 0, "Forward passes run before measuring.", "--warmup");
        var noGrad = CliOption.Flag("--no-grad", "libtorch under no_grad instead of inference_mode (the service's), to compare them.");
        var engine = CliOption.Of("--engine", "auto|onnxruntime|libtorch", ClassificationEngine.Auto,
            "What runs the network, as Classification__Engine: auto is ONNX Runtime on the CPU, libtorch on a GPU.");
        var device = CliOption.Device("Device to run on.");

        var command = new Command("classify",
            "Inference throughput of an engine from decoded bytes to probabilities, one line per batch size; the last line is images_per_s=N for the largest.");
        architecture.AddTo(command);
        foreach (var option in new Option[] { batches, steps, warmup, engine, noGrad, device })
            command.Add(option);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var sizes = (result.GetList(batches) ?? [1, 16, 64]).Distinct().Order().ToArray();
            var inferenceMode = !result.GetValue(noGrad);
            var target = TorchDevices.Resolve(result.GetRequiredValue(device));
            var chosen = ClassificationEngines.Resolve(result.GetValue(engine), target);
            if (chosen == ClassificationEngine.OnnxRuntime && !inferenceMode)
            {
                result.InvocationConfiguration.Error.WriteLine("--no-grad is a libtorch mode; ONNX Runtime records no gradients anyway.");
                return 2;
            }
            output.WriteLine($"Benchmarking {ClassificationEngines.Name(chosen)} on {target}: {result.GetValue(steps)} forward passes per batch size "
                + $"after {result.GetValue(warmup)} warm-up passes" + (chosen == ClassificationEngine.Libtorch ? (inferenceMode ? ", in inference mode..." : ", under no_grad...") : "..."));
            var measured = InferenceBenchmark.Run(architecture.Resolve(result), sizes, result.GetValue(steps), result.GetValue(warmup),
                result.GetRequiredValue(device), chosen, inferenceMode);
            foreach (var (batch, imagesPerSecond) in measured)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine={ClassificationEngines.Name(chosen)} batch={batch} images_per_s={imagesPerSecond:F1}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images_per_s={measured[^1].ImagesPerSecond:F1}"));
            return 0;
        });
        return command;
    }
}
