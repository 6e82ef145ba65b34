using System.CommandLine;
using System.Globalization;
using ResNetService.Api.Classification;

namespace ResNetService.Api.Cli;

/// <summary><c>bench classify</c>: the bare network's inference throughput, the forward pass /classify runs, per batch size.</summary>
internal static class BenchClassifyCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var batches = CliOption.IntList("--batch", "Batch sizes to measure, such as 1,16,64 (the default).", "--batch-size");
        var steps = CliOption.Count("--steps", 30, 1, "Measured forward passes per batch size.");
        var warmup = CliOption.Count("--warmup-steps", 5, 0, "Forward passes run before measuring.", "--warmup");
        var noGrad = CliOption.Flag("--no-grad", "Run under no_grad instead of inference_mode (the service's), to compare them.");
        var device = CliOption.Device("Device to run on.");

        var command = new Command("classify", "Inference throughput of the bare network, one line per batch size; the last line is images_per_s=N for the largest.");
        architecture.AddTo(command);
        foreach (var option in new Option[] { batches, steps, warmup, noGrad, device })
            command.Add(option);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var sizes = (result.GetList(batches) ?? [1, 16, 64]).Distinct().Order().ToArray();
            var inferenceMode = !result.GetValue(noGrad);
            output.WriteLine($"Benchmarking {result.GetValue(steps)} forward passes per batch size after {result.GetValue(warmup)} warm-up passes, "
                + (inferenceMode ? "in inference mode..." : "under no_grad..."));
            var measured = InferenceBenchmark.Run(architecture.Read(result), sizes, result.GetValue(steps), result.GetValue(warmup),
                result.GetRequiredValue(device), inferenceMode);
            foreach (var (batch, imagesPerSecond) in measured)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch={batch} images_per_s={imagesPerSecond:F1}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images_per_s={measured[^1].ImagesPerSecond:F1}"));
            return 0;
        });
        return command;
    }
}
