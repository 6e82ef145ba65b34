using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Datasets;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Import;

namespace ResNetService.Api.Models;

/// <summary>
/// Models in the records database, their checkpoints under <c>models/{id}/model.ckpt</c>, and the pinned default.
/// Classification uses the pinned model, else the newest.
/// </summary>
public sealed class ModelStore(RecordsDatabase database, DataRoot root, ILogger<ModelStore> logger)
{
    private const string ExportsFolder = "exports";

    /// <summary>One import at a time: each holds a network and its file's tensors in memory while it converts.</summary>
    private readonly SemaphoreSlim _import = new(1, 1);

    /// <summary>
    /// Moves <paramref name="checkpoint"/> into the store and records the model. Idempotent per source run: when the
    /// run already published one (a second delivery, a crash before the run's state was written) that one is returned.
    /// </summary>
    public ModelRow Publish(ModelRow model, string checkpoint) =>
        Store(model, checkpoint, fence: null) ?? throw new InvalidOperationException("A model with no fence is always stored.");

    /// <summary>
    /// Publishes the model a run made, as <see cref="Publish"/> does, only while <paramref name="lease"/> holds the
    /// run: checked in the transaction that records the model, so a worker that lost the run publishes nothing.
    /// </summary>
    /// <returns>The run's model; null when the lease no longer holds the run and the run has published none.</returns>
    public ModelRow? PublishOf(RunLease lease, ModelRow model, string checkpoint) => Store(model, checkpoint, db => RunStore.Fence(db, lease));

    /// <param name="fence">Asked first in the transaction that records the model; false: nothing is recorded.</param>
    private ModelRow? Store(ModelRow model, string checkpoint, Func<RecordsDbContext, bool>? fence)
    {
        if (model.SourceRunId is { } runId && BySourceRun(runId) is { } existing)
            return existing;
        var folder = DataRoot.FolderOf(root.Models, model.Id) ?? throw new ArgumentException($"'{model.Id}' is not a model id.", nameof(model));
        var stored = Path.Combine(folder, ModelRow.CheckpointFile);
        Directory.CreateDirectory(folder);
        File.Move(checkpoint, stored);
        bool recorded;
        try
        {
            using var db = database.Open();
            using var transaction = db.Database.BeginTransaction();
            recorded = fence?.Invoke(db) != false;
            if (recorded)
            {
                db.Models.Add(model);
                db.SaveChanges();
                transaction.Commit();
            }
        }
        catch (Exception e)
        {
            PutBack(stored, checkpoint, folder);
            if (e is DbUpdateException && model.SourceRunId is { } source && BySourceRun(source) is { } raced)
                return raced;
            throw;
        }
        if (!recorded)
        {
            PutBack(stored, checkpoint, folder);
            return null;
        }
        logger.LogInformation("Published model {ModelId} from run {RunId}", model.Id, model.SourceRunId);
        return model;
    }

    /// <summary>Puts the checkpoint back as it was, so a retry finds it where it left it.</summary>
    private static void PutBack(string stored, string checkpoint, string folder)
    {
        File.Move(stored, checkpoint);
        Directory.Delete(folder);
    }

    /// <summary>
    /// Makes a model of a weights file trained elsewhere (or exported from here). The upload goes to a folder of its
    /// own under <c>tmp/</c>, is checked and converted to a checkpoint there, and only a model that passed is stored.
    /// </summary>
    /// <returns>The model; null when <paramref name="errors"/> says what is wrong with the spec.</returns>
    /// <exception cref="WeightsImportException">The file does not hold what the spec and format say; nothing is stored.</exception>
    /// <exception cref="ImportBusyException">Another import is running; nothing is done.</exception>
    public async Task<ModelRow?> ImportAsync(Stream upload, string fileName, WeightsFormat format, ModelImportSpec spec, string? name,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!_import.Wait(0, CancellationToken.None))
            throw new ImportBusyException();
        try
        {
            return await ImportAloneAsync(upload, fileName, format, spec, name, errors, cancellationToken);
        }
        finally
        {
            _import.Release();
        }
    }

    private async Task<ModelRow?> ImportAloneAsync(Stream upload, string fileName, WeightsFormat format, ModelImportSpec spec, string? name,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var folder = root.NewTemporaryPath("");
        Directory.CreateDirectory(folder);
        try
        {
            // Under the client's own file name, so the problems found name the file they sent.
            var weights = Path.Combine(folder, SafeFileName(fileName));
            await using (var file = new FileStream(weights, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await upload.CopyToAsync(file, cancellationToken);
            var checkpoint = Path.Combine(folder, ".import.ckpt");
            var description = await Task.Run(() => spec.ImportToCheckpoint(weights, format, checkpoint, errors), cancellationToken);
            if (description is null)
                return null;
            var id = ResourceIds.New();
            return Publish(new ModelRow
            {
                Id = id, Name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(fileName) : name.Trim(), CreatedAt = DateTimeOffset.UtcNow,
                Description = description, History = [], CheckpointPath = ModelRow.CheckpointPathFor(id),
                ImportedFrom = $"{Path.GetFileName(fileName)} ({format.ToString().ToLowerInvariant()})",
            }, checkpoint);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string SafeFileName(string fileName)
    {
        var safe = new string(Path.GetFileName(fileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        return safe.Length == 0 ? "weights" : safe[..Math.Min(safe.Length, 128)];
    }

    public ModelRow? Get(string id)
    {
        if (!ResourceIds.IsValid(id))
            return null;
        using var db = database.Open();
        return db.Models.AsNoTracking().FirstOrDefault(m => m.Id == id);
    }

    public ModelRow? BySourceRun(string runId)
    {
        using var db = database.Open();
        return db.Models.AsNoTracking().FirstOrDefault(m => m.SourceRunId == runId);
    }

    /// <summary>Newest first.</summary>
    /// <summary>A page of the models, newest first, and how many there are.</summary>
    public (IReadOnlyList<ModelRow> Items, int Total) Page(int page, int pageSize)
    {
        using var db = database.Open();
        return Paging.Read(db.Models.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id), page, pageSize);
    }

    public string CheckpointOf(ModelRow model) => root.Resolve(model.CheckpointPath);

    /// <summary>
    /// The model in another format, made on the first request and kept beside the model (a model never changes), so
    /// repeated downloads cost no new copies; written to a temporary file and renamed into place.
    /// </summary>
    /// <returns>The export's path.</returns>
    public string Export(ModelRow model, ExportFormat format) => Export(CheckpointOf(model), format);

    /// <inheritdoc cref="Export(ModelRow, ExportFormat)"/>
    /// <param name="checkpointPath">The model's checkpoint, as <see cref="CheckpointOf"/> resolves it.</param>
    public string Export(string checkpointPath, ExportFormat format)
    {
        var folder = Path.Combine(Path.GetDirectoryName(checkpointPath)!, ExportsFolder);
        var path = Path.Combine(folder, format.ToString().ToLowerInvariant() + ModelExport.FileExtension(format));
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(folder);
        var temporary = root.NewTemporaryPath(ModelExport.FileExtension(format));
        try
        {
            var loaded = ModelCheckpoint.Load(checkpointPath);
            using (var network = loaded.Model)
                ModelExport.Write(network, loaded.Description, format, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return path;
    }

    /// <summary>What classification uses when no model is named: the pinned one, else the newest.</summary>
    public ModelRow? Default()
    {
        using var db = database.Open();
        var pinned = db.Settings.AsNoTracking().Where(s => s.Key == SettingRow.DefaultModel).Select(s => s.Value).FirstOrDefault();
        return (pinned is null ? null : db.Models.AsNoTracking().FirstOrDefault(m => m.Id == pinned))
            ?? db.Models.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).FirstOrDefault();
    }

    public void Pin(string id)
    {
        using var db = database.Open();
        if (db.Settings.Find(SettingRow.DefaultModel) is { } setting)
            setting.Value = id;
        else
            db.Settings.Add(new SettingRow { Key = SettingRow.DefaultModel, Value = id });
        db.SaveChanges();
    }

    /// <summary>
    /// Deletes the model and its files, unless a run still to finish starts from it, in one transaction that holds
    /// its record (as <see cref="DatasetStore.Delete"/> does a dataset's).
    /// </summary>
    public Deletion Delete(string id)
    {
        if (!ResourceIds.IsValid(id))
            return new Deletion(false, null);
        using (var db = database.Open())
        using (var transaction = db.Database.BeginTransaction())
        {
            if (!database.Hold<ModelRow>(db, id, exclusive: true))
                return new Deletion(false, null);
            if (RunStore.ActiveFrom(db, id) is { } run)
                return new Deletion(true, run);
            db.Models.Where(m => m.Id == id).ExecuteDelete();
            db.Settings.Where(s => s.Key == SettingRow.DefaultModel && s.Value == id).ExecuteDelete();
            transaction.Commit();
        }
        var folder = Path.Combine(root.Models, id);
        if (Directory.Exists(folder))
            root.Delete(folder);
        logger.LogInformation("Deleted model {ModelId}", id);
        return new Deletion(true, null);
    }
}
