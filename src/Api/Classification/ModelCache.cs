using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Loaded checkpoints (network and description) by model id, least recently used dropped first. Loaded and evicted
/// only by the inference thread, so a model is never disposed while another thread runs it; the descriptions of the
/// loaded ones may be read from any thread. Model files never change under an id, so an entry never goes stale; a
/// deleted model is simply never asked for again and ages out.
/// </summary>
public sealed class ModelCache(IOptions<ClassificationOptions> options, ServingTelemetry telemetry, ILogger<ModelCache> logger) : IDisposable
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoEntries = new Dictionary<string, byte[]>();
    private readonly LinkedList<(string Id, LoadedCheckpoint Checkpoint)> _models = [];
    private readonly ConcurrentDictionary<string, ModelDescription> _descriptions = new();

    /// <summary>The description of a loaded model, from its own checkpoint; null when it is not loaded.</summary>
    public ModelDescription? DescriptionOf(string id) => _descriptions.GetValueOrDefault(id);

    /// <returns>The checkpoint, and whether this call loaded it.</returns>
    public (LoadedCheckpoint Checkpoint, bool Loaded) Get(string id, string checkpointPath, Device device)
    {
        var node = _models.First;
        while (node is not null && node.Value.Id != id)
            node = node.Next;
        if (node is not null)
        {
            _models.Remove(node);
            _models.AddFirst(node);
            return (node.Value.Checkpoint, false);
        }
        // The network holds the weights now: the file's raw entries would only double the memory a cached model takes.
        var checkpoint = ModelCheckpoint.Load(checkpointPath, device) with { Entries = NoEntries };
        checkpoint.Model.eval();
        telemetry.ModelLoads.Add(1, ServingTelemetry.Model(id));
        logger.LogInformation("Loaded model {ModelId} for classification on {Device}", id, device);
        _models.AddFirst((id, checkpoint));
        _descriptions[id] = checkpoint.Description;
        while (_models.Count > options.Value.CachedModels)
        {
            var (evicted, old) = _models.Last!.Value;
            _models.RemoveLast();
            _descriptions.TryRemove(evicted, out _);
            old.Model.Dispose();
            telemetry.ModelEvictions.Add(1, ServingTelemetry.Model(evicted));
        }
        return (checkpoint, true);
    }

    public void Dispose()
    {
        foreach (var (_, checkpoint) in _models)
            checkpoint.Model.Dispose();
        _models.Clear();
        _descriptions.Clear();
    }
}
