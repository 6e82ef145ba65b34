using System.Diagnostics;
using ResNetService.Model;
using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Sources;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;
using ResNetService.Training.Pipeline;
using ResNetService.Training.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Training.Benchmarks;

/// <summary>
/// Training throughput of a network: the same <see cref="TrainingStep"/> the trainer runs, first on ready random
/// tensors (the model's speed), then optionally fed by the real pipeline from a generated in-memory dataset.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options)
    {
        NativeMemory.Tune();
        var config = options.Network;
        var device = TorchDevices.Resolve(options.Device);
        using var model = ResNet.Seeded(config, options.Seed);
        model.to(device);
        model.train();
        using var optimizer = OptimizerFactory.Create(model, new TrainingOptions());
        var step = new TrainingStep(model, optimizer, labelSmoothing: 0);

        using var input = randn(options.BatchSize, config.InputChannels, config.InputHeight, config.InputWidth, device: device);
        using var labels = randint(config.Classes, [options.BatchSize], device: device);
        var (random, user, system) = Measure(options, () => step.Run(input, labels));

        double? pipeline = options.Pipeline ? PipelineThroughput(options, config, step, device) : null;
        return new TrainingBenchmarkResult(random, user, system, pipeline);
    }

    private static double PipelineThroughput(TrainingBenchmarkOptions options, ResNetConfig config, TrainingStep step, Device device)
    {
        var shape = config.Input;
        var count = options.BatchSize * (options.Steps + options.WarmupSteps);
        var images = InMemoryImages.Load(new SyntheticImageSource(count, config.Classes, shape, options.Seed), shape, 0, Environment.ProcessorCount);
        var normalization = ChannelStatistics.Measure(images, shape, options.Seed);
        using var transfer = new InputTransfer(shape, normalization, device);
        var loader = new BatchLoader(images, shape, AugmentationPolicy.For(config, augment: true), options.Seed);
        var order = EpochOrder.Shuffled(count, options.BatchSize, options.Seed, epoch: 1);
        using var batches = loader.Batches(order, epoch: 1, firstBatch: 0, CancellationToken.None).GetEnumerator();
        var (throughput, _, _) = Measure(options, () =>
        {
            batches.MoveNext();
            var batch = batches.Current;
            using var scope = NewDisposeScope();
            step.Run(transfer.Images(batch.Pixels, batch.Count), transfer.Labels(batch.Labels));
        });
        return throughput;
    }

    private static (double ImagesPerSecond, double UserSeconds, double SystemSeconds) Measure(TrainingBenchmarkOptions options, Action step)
    {
        for (var i = 0; i < options.WarmupSteps; i++)
            step();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var (user, system) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Steps; i++)
            step();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (options.BatchSize * options.Steps / seconds,
            (process.UserProcessorTime - user).TotalSeconds,
            (process.PrivilegedProcessorTime - system).TotalSeconds);
    }
}
