using Microsoft.Extensions.Options;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Loaded networks by model id, least recently used dropped first. Touched only by the inference thread, so a
/// model is never disposed while another thread runs it. Model files never change under an id, so an entry never
/// goes stale; a deleted model is simply never asked for again and ages out.
/// </summary>
public sealed class ModelCache(IOptions<ClassificationOptions> options, ILogger<ModelCache> logger) : IDisposable
{
    private readonly LinkedList<(string Id, ResNet Model)> _models = [];

    public ResNet Get(string id, string checkpointPath, Device device)
    {
        var node = _models.First;
        while (node is not null && node.Value.Id != id)
            node = node.Next;
        if (node is not null)
        {
            _models.Remove(node);
            _models.AddFirst(node);
            return node.Value.Model;
        }
        var model = ModelCheckpoint.Load(checkpointPath, device).Model;
        model.eval();
        logger.LogInformation("Loaded model {ModelId} for classification on {Device}", id, device);
        _models.AddFirst((id, model));
        while (_models.Count > options.Value.CachedModels)
        {
            _models.Last!.Value.Model.Dispose();
            _models.RemoveLast();
        }
        return model;
    }

    public void Dispose()
    {
        foreach (var (_, model) in _models)
            model.Dispose();
        _models.Clear();
    }
}
