using Microsoft.Extensions.Options;

namespace ResNetService.Api.Storage;

/// <summary>
/// The layout under <see cref="StorageOptions.DataRoot"/>: <c>datasets/{id}/</c>, <c>runs/{id}/</c>,
/// <c>models/{id}/</c>, <c>tmp/</c> and, with the embedded defaults, the records database <c>records.db</c>. Folders of one id are assembled under a dot-prefixed staging name and
/// renamed into place, so a listing never sees a half-made one.
/// </summary>
public sealed class DataRoot
{
    public DataRoot(IOptions<StorageOptions> options)
    {
        FullPath = Path.GetFullPath(options.Value.DataRoot);
        Datasets = Path.Combine(FullPath, "datasets");
        Runs = Path.Combine(FullPath, "runs");
        Models = Path.Combine(FullPath, "models");
        Temporary = Path.Combine(FullPath, "tmp");
        foreach (var folder in new[] { Datasets, Runs, Models, Temporary })
            Directory.CreateDirectory(folder);
    }

    public const string StagingPrefix = ".staging-";

    public string FullPath { get; }
    public string Datasets { get; }
    public string Runs { get; }
    public string Models { get; }
    public string Temporary { get; }

    /// <summary>The folder of <paramref name="id"/> under <paramref name="collection"/>; null for anything that is not a server id.</summary>
    public static string? FolderOf(string collection, string? id) => ResourceIds.IsValid(id) ? Path.Combine(collection, id!) : null;

    /// <summary>A fresh staging folder for a new id; <see cref="Publish"/> moves it into place.</summary>
    public static string Stage(string collection, string id)
    {
        var staging = Path.Combine(collection, StagingPrefix + id);
        Directory.CreateDirectory(staging);
        return staging;
    }

    public static void Publish(string staging, string collection, string id) => Directory.Move(staging, Path.Combine(collection, id));

    /// <summary>A path the records hold relative to the data root, made absolute; it must stay inside the root.</summary>
    public string Resolve(string relative)
    {
        var full = Path.GetFullPath(relative, FullPath);
        return full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"'{relative}' leads outside the data root.");
    }

    /// <summary>Renames the folder away first, so it disappears from listings at once even if deleting its files takes a while.</summary>
    public void Delete(string folder)
    {
        var doomed = Path.Combine(Temporary, $"deleted-{Guid.NewGuid():N}");
        Directory.Move(folder, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    public string NewTemporaryPath(string extension = ".tmp") => Path.Combine(Temporary, Guid.NewGuid().ToString("N") + extension);
}
