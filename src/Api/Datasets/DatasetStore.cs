using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;
using ResNetService.Api.Storage;
using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

/// <summary>
/// Datasets under <c>datasets/{id}/</c>: the extracted files in <c>files/</c> (uploads only) and <c>manifest.json</c>.
/// A dataset is assembled in a staging folder and renamed into place only once it has been read successfully.
/// </summary>
public sealed class DatasetStore(DataRoot root, IOptions<StorageOptions> storage, IOptions<LimitsOptions> limits, ILogger<DatasetStore> logger)
{
    private const string ManifestFile = "manifest.json";
    private const string FilesFolder = "files";

    /// <summary>How datasets are read here, when stored and when trained on.</summary>
    public DatasetReadOptions ReadOptions => DatasetReadOptions.Default with { MaxImagePixels = limits.Value.MaxImagePixels };

    /// <exception cref="DatasetException">The archive or the dataset inside it is refused; nothing is kept.</exception>
    public async Task<DatasetRecord> CreateFromArchiveAsync(Stream upload, string fileName, string? name, CancellationToken cancellationToken)
    {
        var id = ResourceIds.New();
        var staging = DataRoot.Stage(root.Datasets, id);
        try
        {
            // Pre-POSIX tar has no magic bytes, so the detector needs the name's extension.
            var archive = Path.Combine(staging, fileName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? "upload.tar" : "upload.archive");
            await using (var file = new FileStream(archive, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await upload.CopyToAsync(file, cancellationToken);
            var extraction = limits.Value.Extraction;
            var dataset = await Task.Run(() => DatasetReader.OpenArchive(archive, Path.Combine(staging, FilesFolder), ReadOptions, extraction), cancellationToken);
            File.Delete(archive);
            return Publish(staging, id, DatasetRecord.Of(id, NameOr(name, Path.GetFileNameWithoutExtension(fileName)), dataset.Manifest, importedFrom: null));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <exception cref="ImportRefusedException">Importing is off or the folder is outside the import root.</exception>
    /// <exception cref="DatasetException">The folder holds no usable dataset.</exception>
    public DatasetRecord Import(string path, string? name)
    {
        var folder = ImportableFolder(path);
        var dataset = DatasetReader.Open(folder, ReadOptions);
        var id = ResourceIds.New();
        var staging = DataRoot.Stage(root.Datasets, id);
        try
        {
            return Publish(staging, id, DatasetRecord.Of(id, NameOr(name, Path.GetFileName(folder)), dataset.Manifest, folder));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    public IReadOnlyList<DatasetRecord> List() =>
        DataRoot.Ids(root.Datasets).Select(Get).OfType<DatasetRecord>().OrderByDescending(d => d.CreatedAt).ToList();

    public DatasetRecord? Get(string id) =>
        DataRoot.FolderOf(root.Datasets, id) is { } folder ? AtomicFile.ReadJson<DatasetRecord>(Path.Combine(folder, ManifestFile)) : null;

    /// <summary>Where the dataset's files are, for <see cref="DatasetReader.Open"/>.</summary>
    public string FilesOf(DatasetRecord dataset) => dataset.ImportedFrom ?? Path.Combine(root.Datasets, dataset.Id, FilesFolder);

    /// <summary>Deletes the record and the uploaded files; an imported folder itself is left alone.</summary>
    public bool Delete(string id)
    {
        if (Get(id) is null)
            return false;
        root.Delete(Path.Combine(root.Datasets, id));
        logger.LogInformation("Deleted dataset {DatasetId}", id);
        return true;
    }

    private DatasetRecord Publish(string staging, string id, DatasetRecord record)
    {
        AtomicFile.WriteJson(Path.Combine(staging, ManifestFile), record);
        DataRoot.Publish(staging, root.Datasets, id);
        logger.LogInformation("Registered dataset {DatasetId} ({Format}, {Classes} classes)", id, record.Format, record.Classes.Count);
        return record;
    }

    private string ImportableFolder(string path)
    {
        if (string.IsNullOrWhiteSpace(storage.Value.ImportRoot))
            throw new ImportRefusedException("Registering server folders is disabled; the operator enables it by setting Storage:ImportRoot.");
        var importRoot = RealPath.Of(storage.Value.ImportRoot);
        // A link anywhere along the path could lead out of the import root, so the check is on where it really leads.
        var folder = RealPath.Of(Path.GetFullPath(path, importRoot));
        if (!IsInside(folder, importRoot))
            throw new ImportRefusedException($"'{path}' is not inside the import root; only folders under it can be registered.");
        return folder;
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string NameOr(string? name, string fallback) => string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();
}
