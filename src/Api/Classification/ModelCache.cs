using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Loaded models (checkpoint and engine) by model id, least recently used dropped first. Loaded and evicted
/// only by the inference thread, so a model is never disposed while another thread runs it; the descriptions of the
/// loaded ones may be read from any thread. Model files never change under an id, so an entry never goes stale; a
/// deleted model is simply never asked for again and ages out.
/// </summary>
public sealed class ModelCache(IOptions<ClassificationOptions> options, ServedModelLoader loader, ServingTelemetry telemetry) : IDisposable
{
    private readonly LinkedList<(string Id, ServedModel Model)> _models = [];
    private readonly ConcurrentDictionary<string, ModelDescription> _descriptions = new();

    /// <summary>The description of a loaded model, from its own checkpoint; null when it is not loaded.</summary>
    public ModelDescription? DescriptionOf(string id) => _descriptions.GetValueOrDefault(id);

    /// <returns>The model, and whether this call loaded it.</returns>
    public (ServedModel Model, bool Loaded) Get(string id, string checkpointPath, Device device)
    {
        var node = _models.First;
        while (node is not null && node.Value.Id != id)
            node = node.Next;
        if (node is not null)
        {
            _models.Remove(node);
            _models.AddFirst(node);
            return (node.Value.Model, false);
        }
        var model = loader.Load(id, checkpointPath, device);
        _models.AddFirst((id, model));
        _descriptions[id] = model.Description;
        while (_models.Count > options.Value.CachedModels)
        {
            var (evicted, old) = _models.Last!.Value;
            _models.RemoveLast();
            _descriptions.TryRemove(evicted, out _);
            old.Dispose();
            telemetry.ModelEvictions.Add(1, ServingTelemetry.Model(evicted));
        }
        return (model, true);
    }

    public void Dispose()
    {
        foreach (var (_, model) in _models)
            model.Dispose();
        _models.Clear();
        _descriptions.Clear();
    }
}
