using System.Globalization;
using ResNetService.Training.Benchmarks;

namespace ResNetService.Api.Cli;

/// <summary><c>bench train</c>: training throughput on random tensors, and optionally through the data pipeline.</summary>
public static class BenchCommand
{
    public const string Usage =
        "bench train --depth 20 --input 1x28x28 [--classes 10] [--batch 128] [--steps 30] [--warmup 5] [--pipeline] [--device auto] [--bottleneck true|false] [--units ... --filters ...]";

    public static int Run(CliArguments args, TextWriter output)
    {
        var options = new TrainingBenchmarkOptions(
            SummaryCommand.ReadSpec(args),
            BatchSize: Positive(args.Int("batch") ?? 128, "batch"),
            Steps: Positive(args.Int("steps") ?? 30, "steps"),
            WarmupSteps: args.Int("warmup") ?? 5,
            Pipeline: args.Flag("pipeline"),
            Device: args.String("device") ?? "auto");
        args.RejectUnknown();

        output.WriteLine($"Benchmarking {options.Steps} steps of batch {options.BatchSize} after {options.WarmupSteps} warm-up steps...");
        var result = TrainingBenchmark.Run(options);
        output.WriteLine(FormattableString.Invariant($"cpu_user_s={result.UserSeconds:F2} cpu_system_s={result.SystemSeconds:F2}"));
        if (result.PipelineImagesPerSecond is { } pipeline)
        {
            output.WriteLine(FormattableString.Invariant($"pipeline_images_per_s={pipeline:F1}"));
            output.WriteLine(FormattableString.Invariant($"pipeline_overhead={result.PipelineOverheadPercent:F1}%"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"images_per_s={result.ImagesPerSecond:F1}"));
        return 0;
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new CliUsageException($"--{name} must be at least 1.");
}
