using System.Diagnostics;
using ResNetService.Model;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using TorchSharp;

namespace ResNetService.Api.Classification;

/// <summary>
/// An engine's inference throughput as /classify runs it (<see cref="IInferenceEngine"/>: decoded bytes in, class
/// probabilities on the host out), with no decoding, HTTP or queue; the ceiling /classify's throughput is measured
/// against. The network is seeded at random: speed does not depend on the weights.
/// </summary>
public static class InferenceBenchmark
{
    /// <param name="engine">libtorch or onnxruntime (auto: the one the service would pick on <paramref name="device"/>).</param>
    /// <param name="inferenceMode">libtorch as the service runs it (true), or under no_grad, to compare the two.</param>
    /// <returns>Images per second for each batch size, in the order given.</returns>
    public static IReadOnlyList<(int BatchSize, double ImagesPerSecond)> Run(
        ResNetConfig config, IReadOnlyList<int> batchSizes, int steps, int warmupSteps, string device, ClassificationEngine engine,
        bool inferenceMode, int seed = 1)
    {
        NativeMemory.Tune();
        var target = TorchDevices.Resolve(device);
        using var model = ResNet.Seeded(config, seed);
        model.to(target);
        model.eval();
        var description = new ModelDescription(config, Enumerable.Range(0, config.Classes).Select(i => $"{i}").ToArray(),
            InputNormalization.Identity(config.InputChannels));
        var onnx = Path.Combine(Path.GetTempPath(), $"resnet-bench-{Guid.NewGuid():N}.onnx");
        try
        {
            using IInferenceEngine served = ClassificationEngines.Resolve(engine, target) == ClassificationEngine.OnnxRuntime
                ? OnnxRuntime(model, description, onnx, target)
                : new LibtorchEngine(new LoadedCheckpoint(model, description, new Dictionary<string, byte[]>()), target, inferenceMode);
            var random = new Random(seed);
            return batchSizes.Select(batch =>
            {
                var pixels = new byte[batch * config.InputChannels * config.InputHeight * config.InputWidth];
                random.NextBytes(pixels);
                for (var i = 0; i < warmupSteps; i++)
                    served.Probabilities(pixels, batch);
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < steps; i++)
                    served.Probabilities(pixels, batch);
                return (batch, batch * steps / clock.Elapsed.TotalSeconds);
            }).ToList();
        }
        finally
        {
            File.Delete(onnx);
        }
    }

    private static IInferenceEngine OnnxRuntime(ResNet model, ModelDescription description, string path, torch.Device target)
    {
        ModelExport.Write(model, description, ExportFormat.Onnx, path);
        return new OnnxRuntimeEngine(path, description, target);
    }
}
