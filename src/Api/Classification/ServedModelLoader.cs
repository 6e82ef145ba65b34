using System.Diagnostics;
using Microsoft.Extensions.Options;
using ResNetService.Api.Models;
using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Loads a model for the engine <see cref="ClassificationOptions.Engine"/> picks on the serving device; for ONNX
/// Runtime, from the model's cached ONNX export (made on the first load, as GET /models/{id}/export makes it).
/// Runs on the inference thread.
/// </summary>
public sealed class ServedModelLoader(ModelStore store, IOptions<ClassificationOptions> options, ServingTelemetry telemetry, ILogger<ServedModelLoader> logger)
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoEntries = new Dictionary<string, byte[]>();

    /// <exception cref="CheckpointException">The model's file is missing or damaged.</exception>
    public ServedModel Load(string id, string checkpointPath, Device device)
    {
        var started = Stopwatch.GetTimestamp();
        var engine = ClassificationEngines.Resolve(options.Value.Engine, device);
        // The network holds the weights now: the file's raw entries would only double the memory a cached model takes.
        var checkpoint = ModelCheckpoint.Load(checkpointPath, device) with { Entries = NoEntries };
        try
        {
            checkpoint.Model.eval();
            IInferenceEngine served = engine == ClassificationEngine.OnnxRuntime
                ? new OnnxRuntimeEngine(store.Export(checkpointPath, ExportFormat.Onnx), checkpoint.Description, device)
                : new LibtorchEngine(checkpoint, device);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var name = ClassificationEngines.Name(engine);
            telemetry.ModelLoads.Add(1, ServingTelemetry.Model(id), ServingTelemetry.Engine(name));
            telemetry.ModelLoadDuration.Record(seconds, ServingTelemetry.Model(id), ServingTelemetry.Engine(name));
            logger.LogInformation("Loaded model {ModelId} for classification with {Engine} on {Device} in {Milliseconds:F0} ms",
                id, name, device, seconds * 1000);
            return new ServedModel(checkpoint, served);
        }
        catch
        {
            checkpoint.Model.Dispose();
            throw;
        }
    }
}
