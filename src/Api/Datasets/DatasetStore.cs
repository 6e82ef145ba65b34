using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Api.Datasets;

/// <summary>
/// Datasets in the records database, with the extracted files of uploads under <c>datasets/{id}/files/</c>. A
/// dataset is assembled in a staging folder, renamed into place once it has been read successfully, and recorded last.
/// </summary>
public sealed class DatasetStore(
    RecordsDatabase database, DataRoot root, IOptions<StorageOptions> storage, IOptions<LimitsOptions> limits, ILogger<DatasetStore> logger)
{
    private const string FilesFolder = "files";

    /// <summary>How datasets are read here, when stored and when trained on.</summary>
    public DatasetReadOptions ReadOptions => DatasetReadOptions.Default with { MaxImagePixels = limits.Value.MaxImagePixels };

    /// <exception cref="DatasetException">The archive or the dataset inside it is refused; nothing is kept.</exception>
    public async Task<DatasetRow> CreateFromArchiveAsync(Stream upload, string fileName, string? name, CancellationToken cancellationToken)
    {
        var id = ResourceIds.New();
        var staging = DataRoot.Stage(root.Datasets, id);
        DatasetManifest manifest;
        try
        {
            // Pre-POSIX tar has no magic bytes, so the detector needs the name's extension.
            var archive = Path.Combine(staging, fileName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? "upload.tar" : "upload.archive");
            await using (var file = new FileStream(archive, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await upload.CopyToAsync(file, cancellationToken);
            var extraction = limits.Value.Extraction;
            manifest = (await Task.Run(() => DatasetReader.OpenArchive(archive, Path.Combine(staging, FilesFolder), ReadOptions, extraction), cancellationToken)).Manifest;
            File.Delete(archive);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        DataRoot.Publish(staging, root.Datasets, id);
        try
        {
            return Record(new DatasetRow { Id = id, Name = NameOr(name, Path.GetFileNameWithoutExtension(fileName)), Manifest = manifest, CreatedAt = DateTimeOffset.UtcNow });
        }
        catch
        {
            root.Delete(Path.Combine(root.Datasets, id));
            throw;
        }
    }

    /// <exception cref="ImportRefusedException">Importing is off, the folder is outside the import root, or a link inside it leads out.</exception>
    /// <exception cref="DatasetException">The folder holds no usable dataset.</exception>
    public DatasetRow Import(string path, string? name)
    {
        var folder = ImportableFolder(path);
        var dataset = DatasetReader.Open(folder, ReadOptions);
        var relative = Path.GetRelativePath(RealPath.Of(storage.Value.ImportRoot!), folder);
        return Record(new DatasetRow
        {
            Id = ResourceIds.New(), Name = NameOr(name, Path.GetFileName(folder)), Manifest = dataset.Manifest, ImportedFrom = relative, CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    /// <summary>Newest first.</summary>
    /// <summary>A page of the datasets, newest first, and how many there are.</summary>
    public (IReadOnlyList<DatasetRow> Items, int Total) Page(int page, int pageSize)
    {
        using var db = database.Open();
        return Paging.Read(db.Datasets.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id), page, pageSize);
    }

    public DatasetRow? Get(string id)
    {
        if (!ResourceIds.IsValid(id))
            return null;
        using var db = database.Open();
        return db.Datasets.AsNoTracking().FirstOrDefault(d => d.Id == id);
    }

    /// <summary>Where the dataset's files are, for <see cref="DatasetReader.Open"/>.</summary>
    /// <exception cref="ImportRefusedException">An imported dataset on a host whose import root is not set, or a folder that now leads outside it (itself or by a link inside).</exception>
    public string FilesOf(DatasetRow dataset) =>
        dataset.ImportedFrom is { } relative ? ImportableFolder(relative) : Path.Combine(root.Datasets, dataset.Id, FilesFolder);

    /// <summary>
    /// Deletes the record and the uploaded files, unless a run still to finish trains on it; an imported folder itself
    /// is left alone. The check and the delete are one transaction that holds the record, so a job created at the
    /// same moment (which holds it too, see <see cref="RunStore.Create"/>) comes either before, and keeps it, or after,
    /// and finds it gone.
    /// </summary>
    public Deletion Delete(string id)
    {
        if (!ResourceIds.IsValid(id))
            return new Deletion(false, null);
        using (var db = database.Open())
        using (var transaction = db.Database.BeginTransaction())
        {
            if (!database.Hold<DatasetRow>(db, id, exclusive: true))
                return new Deletion(false, null);
            if (RunStore.ActiveOn(db, id) is { } run)
                return new Deletion(true, run);
            db.Datasets.Where(d => d.Id == id).ExecuteDelete();
            transaction.Commit();
        }
        var folder = Path.Combine(root.Datasets, id);
        if (Directory.Exists(folder))
            root.Delete(folder);
        logger.LogInformation("Deleted dataset {DatasetId}", id);
        return new Deletion(true, null);
    }

    private DatasetRow Record(DatasetRow dataset)
    {
        using (var db = database.Open())
        {
            db.Datasets.Add(dataset);
            db.SaveChanges();
        }
        logger.LogInformation("Registered dataset {DatasetId} ({Format}, {Classes} classes)", dataset.Id, dataset.Manifest.Format, dataset.Manifest.Classes.Count);
        return dataset;
    }

    private string ImportableFolder(string path)
    {
        if (string.IsNullOrWhiteSpace(storage.Value.ImportRoot))
            throw new ImportRefusedException("Registering server folders is disabled; the operator enables it by setting Storage:ImportRoot.");
        var importRoot = RealPath.Of(storage.Value.ImportRoot);
        // A link anywhere along the path could lead out of the import root, so the check is on where it really leads.
        var folder = RealPath.Of(Path.GetFullPath(path, importRoot));
        if (!LinksOutOfRoot.IsInside(folder, importRoot))
            throw new ImportRefusedException($"'{path}' is not inside the import root; only folders under it can be registered.");
        if (Directory.Exists(folder) && LinksOutOfRoot.First(folder, importRoot) is { } link)
            throw new ImportRefusedException($"'{Path.Combine(path, link)}' is a symbolic link that leads out of the import root; remove it or copy what it points to into the folder.");
        return folder;
    }

    private static string NameOr(string? name, string fallback) => string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();
}
