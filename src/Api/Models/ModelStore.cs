using ResNetService.Api.Storage;

namespace ResNetService.Api.Models;

/// <summary>
/// Models under <c>models/{id}/</c> (<c>model.ckpt</c> and <c>card.json</c>) and the pinned default in
/// <c>models/default.json</c>. Classification uses the pinned model, else the newest.
/// </summary>
public sealed class ModelStore(DataRoot root, ILogger<ModelStore> logger)
{
    private const string CardFile = "card.json";
    private const string CheckpointFile = "model.ckpt";
    private const string DefaultFile = "default.json";

    private string DefaultPath => Path.Combine(root.Models, DefaultFile);

    /// <summary>Moves <paramref name="checkpoint"/> into the store beside its card.</summary>
    public ModelCard Publish(ModelCard card, string checkpoint)
    {
        var staging = DataRoot.Stage(root.Models, card.Id);
        try
        {
            File.Move(checkpoint, Path.Combine(staging, CheckpointFile));
            AtomicFile.WriteJson(Path.Combine(staging, CardFile), card);
            DataRoot.Publish(staging, root.Models, card.Id);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        logger.LogInformation("Published model {ModelId} from job {JobId}", card.Id, card.SourceJobId);
        return card;
    }

    public IReadOnlyList<ModelCard> List() =>
        DataRoot.Ids(root.Models).Select(Get).OfType<ModelCard>().OrderByDescending(m => m.CreatedAt).ToList();

    public ModelCard? Get(string id) =>
        DataRoot.FolderOf(root.Models, id) is { } folder ? AtomicFile.ReadJson<ModelCard>(Path.Combine(folder, CardFile)) : null;

    public string CheckpointOf(ModelCard card) => Path.Combine(root.Models, card.Id, CheckpointFile);

    /// <summary>The pinned model while it exists.</summary>
    public string? PinnedId => AtomicFile.ReadJson<DefaultModel>(DefaultPath)?.ModelId is { } id && Get(id) is not null ? id : null;

    /// <summary>What classification uses when no model is named: the pinned one, else the newest.</summary>
    public ModelCard? Default() => PinnedId is { } pinned ? Get(pinned) : List().FirstOrDefault();

    public void Pin(string id) => AtomicFile.WriteJson(DefaultPath, new DefaultModel(id));

    public bool Delete(string id)
    {
        if (Get(id) is null)
            return false;
        if (AtomicFile.ReadJson<DefaultModel>(DefaultPath)?.ModelId == id)
            File.Delete(DefaultPath);
        root.Delete(Path.Combine(root.Models, id));
        logger.LogInformation("Deleted model {ModelId}", id);
        return true;
    }
}
