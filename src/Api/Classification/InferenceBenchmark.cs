using System.Diagnostics;
using ResNetService.Model;
using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// The bare network's inference throughput: <see cref="ForwardPass"/>, as /classify runs it, on ready random tensors
/// on the device, with no decoding, HTTP or queue; the ceiling /classify's throughput is measured against.
/// </summary>
public static class InferenceBenchmark
{
    /// <param name="inferenceMode">As the service runs (true), or under no_grad, to compare the two.</param>
    /// <returns>Images per second for each batch size, in the order given.</returns>
    public static IReadOnlyList<(int BatchSize, double ImagesPerSecond)> Run(
        ResNetSpec network, IReadOnlyList<int> batchSizes, int steps, int warmupSteps, string device, bool inferenceMode, int seed = 1)
    {
        NativeMemory.Tune();
        var config = ResNetConfigResolver.Resolve(network);
        var target = TorchDevices.Resolve(device);
        using var model = ResNet.Seeded(config, seed);
        model.to(target);
        model.eval();
        return batchSizes.Select(batch =>
        {
            using var input = randn(batch, config.InputChannels, config.InputHeight, config.InputWidth, device: target);
            for (var i = 0; i < warmupSteps; i++)
                ForwardPass.Probabilities(model, input, inferenceMode);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++)
                ForwardPass.Probabilities(model, input, inferenceMode);
            return (batch, batch * steps / clock.Elapsed.TotalSeconds);
        }).ToList();
    }
}
