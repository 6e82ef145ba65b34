using System.Diagnostics;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Pipeline;

namespace ResNetService.Training.Benchmarks;

/// <summary>
/// The data side of training alone: decode, random resized crop of the original, flip and batching, exactly as a
/// run over the folder would prepare them for a network of the given input size, with no model behind it.
/// </summary>
public static class PipelineBenchmark
{
    /// <summary>A network whose input size takes photos through the large-image path; its layers never run here.</summary>
    private const int AnyLargeDepth = 18;

    public static PipelineBenchmarkResult Run(PipelineBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var load = Stopwatch.StartNew();
        var readOptions = DatasetReadOptions.Default;
        var dataset = DatasetReader.Open(options.DataFolder, readOptions);
        var training = new TrainingOptions { BatchSize = options.BatchSize, Seed = options.Seed, ValidationFraction = 0.01 };
        var data = TrainingData.Prepare(dataset, new TrainingNetwork { Depth = AnyLargeDepth, InputHeight = options.InputSize, InputWidth = options.InputSize },
            training, readOptions, options.InMemory ? long.MaxValue : 0, InputNormalization.Identity(dataset.Manifest.ImageShape.Channels), cancellationToken);
        load.Stop();

        var loader = new BatchLoader(data.Train, data.Shape, AugmentationPolicy.For(data.Config, augment: true), options.Seed, region: data.TrainingRegion);
        int RunEpoch(int epoch)
        {
            var order = EpochOrder.Shuffled(data.Train.Count, options.BatchSize, options.Seed, epoch);
            return loader.Batches(order, epoch, firstBatch: 0, cancellationToken).Sum(batch => batch.Count);
        }
        for (var epoch = 1; epoch <= options.WarmupEpochs; epoch++)
            RunEpoch(epoch);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var images = 0;
        for (var epoch = options.WarmupEpochs + 1; epoch <= options.WarmupEpochs + options.Epochs; epoch++)
            images += RunEpoch(epoch);
        clock.Stop();
        process.Refresh();
        return new PipelineBenchmarkResult(images, clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, load.Elapsed.TotalSeconds);
    }
}
