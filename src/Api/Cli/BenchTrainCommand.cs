using System.CommandLine;
using System.Globalization;
using ResNetService.Training.Benchmarks;

namespace ResNetService.Api.Cli;

/// <summary><c>bench train</c>: training throughput on random tensors, and optionally through the data pipeline.</summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var batchSize = CliOption.Count("--batch-size", 128, 1, "Images per step.", "--batch");
        var steps = CliOption.Count("--steps", 30, 1, "Measured steps.");
        var warmup = CliOption.Count("--warmup-steps", 5, 0, "Steps run before measuring.", "--warmup");
        var pipeline = CliOption.Flag("--pipeline", "Also feed the same steps through the data pipeline from a generated in-memory dataset and print the overhead.");
        var device = CliOption.Device("Device to train on.");

        var command = new Command("train", "Training throughput on random tensors; the last line is images_per_s=N.");
        architecture.AddTo(command);
        foreach (var option in new Option[] { batchSize, steps, warmup, pipeline, device })
            command.Add(option);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var options = new TrainingBenchmarkOptions(architecture.Resolve(result), result.GetValue(batchSize), result.GetValue(steps),
                result.GetValue(warmup), result.GetValue(pipeline), result.GetRequiredValue(device));
            output.WriteLine($"Benchmarking {options.Steps} steps of batch {options.BatchSize} after {options.WarmupSteps} warm-up steps...");
            var measured = TrainingBenchmark.Run(options);
            output.WriteLine(FormattableString.Invariant($"cpu_user_s={measured.UserSeconds:F2} cpu_system_s={measured.SystemSeconds:F2}"));
            if (measured.PipelineImagesPerSecond is { } images)
            {
                output.WriteLine(FormattableString.Invariant($"pipeline_images_per_s={images:F1}"));
                output.WriteLine(FormattableString.Invariant($"pipeline_overhead={measured.PipelineOverheadPercent:F1}%"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images_per_s={measured.ImagesPerSecond:F1}"));
            return 0;
        });
        return command;
    }
}
