using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Loaded models (checkpoint and engine) by model id, least recently used dropped first. Loaded and evicted only by
/// the inference thread, so a model is never disposed while another thread runs it; descriptions may be read from any
/// thread. Model files never change under an id, so an entry never goes stale; a deleted model is simply never asked
/// for again and ages out.
/// </summary>
/// <remarks>
/// Plain LRU reloads on every request when more models take turns than it holds (three in turn with two cached: each
/// request evicts the next one asked for). So a model that is not cached is kept only if it was used more often of
/// late than the one it would evict (the admission rule of TinyLFU); otherwise it is loaded for its batch and dropped,
/// and the models in steady use stay. A warm-up always keeps its model: it was asked for to be ready.
/// </remarks>
public sealed class ModelCache(IOptions<ClassificationOptions> options, ServedModelLoader loader, ServingTelemetry telemetry) : IDisposable
{
    /// <summary>Descriptions are small, but model ids come from requests: never let them grow without bound.</summary>
    private const int MaxDescriptions = 256;

    private readonly LinkedList<(string Id, ServedModel Model)> _models = [];
    private readonly ConcurrentDictionary<string, ModelDescription> _descriptions = new();
    private readonly Queue<string> _recentUses = new();
    private readonly Dictionary<string, int> _usesOf = [];

    private int Capacity => options.Value.CachedModels;

    /// <summary>Uses remembered for the admission rule: enough to see which models are in steady use.</summary>
    private int RecentUses => 16 * Capacity;

    /// <summary>The description of a model from its own checkpoint, once it has been loaded; null before.</summary>
    public ModelDescription? DescriptionOf(string id) => _descriptions.GetValueOrDefault(id);

    /// <param name="keep">Keep the model whatever its use (a warm-up); otherwise only if the admission rule says so.</param>
    /// <exception cref="CheckpointException">The model's file is missing or damaged.</exception>
    public ModelLease Rent(string id, string checkpointPath, Device device, bool keep)
    {
        var usedBefore = _usesOf.GetValueOrDefault(id);
        NoteUse(id);
        if (Find(id) is { } node)
        {
            _models.Remove(node);
            _models.AddFirst(node);
            return new ModelLease(node.Value.Model, Loaded: false, Kept: true);
        }
        var model = loader.Load(id, checkpointPath, device);
        if (_descriptions.Count >= MaxDescriptions)
            _descriptions.Clear();
        _descriptions[id] = model.Description;
        if (!keep && _models.Count >= Capacity && usedBefore <= _usesOf.GetValueOrDefault(_models.Last!.Value.Id))
            return new ModelLease(model, Loaded: true, Kept: false);
        _models.AddFirst((id, model));
        while (_models.Count > Capacity)
            Evict();
        return new ModelLease(model, Loaded: true, Kept: true);
    }

    public void Dispose()
    {
        foreach (var (_, model) in _models)
            model.Dispose();
        _models.Clear();
        _descriptions.Clear();
    }

    private LinkedListNode<(string Id, ServedModel Model)>? Find(string id)
    {
        var node = _models.First;
        while (node is not null && node.Value.Id != id)
            node = node.Next;
        return node;
    }

    private void Evict()
    {
        var (evicted, old) = _models.Last!.Value;
        _models.RemoveLast();
        old.Dispose();
        telemetry.ModelEvictions.Add(1, ServingTelemetry.Model(evicted));
    }

    private void NoteUse(string id)
    {
        _recentUses.Enqueue(id);
        _usesOf[id] = _usesOf.GetValueOrDefault(id) + 1;
        while (_recentUses.Count > RecentUses)
        {
            var forgotten = _recentUses.Dequeue();
            if (--_usesOf[forgotten] == 0)
                _usesOf.Remove(forgotten);
        }
    }
}
