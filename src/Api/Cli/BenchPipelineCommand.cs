using System.CommandLine;
using ResNetService.Model.Architecture;
using ResNetService.Training.Benchmarks;
using ResNetService.Training.Data;

namespace ResNetService.Api.Cli;

/// <summary><c>bench pipeline</c>: the training data pipeline alone (decode, random resized crop, flip, batch) on a folder of photos.</summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { HelpName = "path", Description = "An image-folder dataset: class folders, at its root or under train/.", Required = true };
        var inputSize = CliOption.Count("--input-size", 224, ResNetConfig.SmallImageMaxHeight + 1, "Side of the network input the crops are resized to (the large-image path).");
        var batchSize = CliOption.Count("--batch-size", 64, 1, "Images per batch.", "--batch");
        var epochs = CliOption.Count("--epochs", 2, 1, "Measured passes over the images.");
        var warmupEpochs = CliOption.Count("--warmup-epochs", 1, 0, "Passes run before measuring, while the JIT compiles the decoder.", "--warmup");
        var inMemory = CliOption.Flag("--in-memory", "Read the photos once into the reduced in-memory copy training keeps when they fit, and measure epochs from it.");

        var command = new Command("pipeline", "Training data pipeline throughput on a folder of photos, with no model: decode, random resized crop of "
            + "the original, flip and batch, on every core. images_per_cpu_s is the throughput per core; the last line is images_per_s=N.");
        foreach (var option in new Option[] { data, inputSize, batchSize, epochs, warmupEpochs, inMemory })
            command.Add(option);
        command.SetAction(result =>
        {
            var folder = result.GetRequiredValue(data);
            if (!Directory.Exists(folder))
                throw new CliUsageException($"--data '{folder}' is not a folder.");
            var options = new PipelineBenchmarkOptions(Path.GetFullPath(folder), result.GetValue(inputSize), result.GetValue(batchSize), result.GetValue(epochs),
                result.GetValue(warmupEpochs), result.GetValue(inMemory));
            var output = result.InvocationConfiguration.Output;
            PipelineBenchmarkResult measured;
            try
            {
                measured = PipelineBenchmark.Run(options, CancellationToken.None);
            }
            catch (DatasetException e)
            {
                throw new CliUsageException($"--data '{folder}': {e.Message}");
            }
            output.WriteLine(FormattableString.Invariant(
                $"images={measured.Images} seconds={measured.Seconds:F2} load_s={measured.LoadSeconds:F2} cores={Environment.ProcessorCount} cpu_s={measured.CpuSeconds:F2}"));
            output.WriteLine(FormattableString.Invariant($"images_per_cpu_s={measured.ImagesPerCpuSecond:F1}"));
            output.WriteLine(FormattableString.Invariant($"images_per_s={measured.ImagesPerSecond:F1}"));
            return 0;
        });
        return command;
    }
}
