namespace ResNetService.Api.Storage;

/// <summary>
/// At start, removes what interrupted work left on the data volume: staging folders, partial uploads and temporary
/// files. Only things older than an hour go, so work in progress in another process sharing the volume is never
/// touched. Published folders are never removed here, even without a record: a records database switched without
/// moving its rows must not cost anyone their data.
/// </summary>
public sealed class Housekeeping(DataRoot root, ILogger<Housekeeping> logger) : IHostedService
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var removed = Clean(DateTime.UtcNow - MinimumAge);
            if (removed > 0)
                logger.LogInformation("Housekeeping removed {Count} leftovers of interrupted work from the data root", removed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Housekeeping stopped early: {Problem}", e.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>How many files and folders were removed.</returns>
    public int Clean(DateTime olderThan)
    {
        var leftovers = new[] { root.Datasets, root.Runs, root.Models }
            .SelectMany(collection => new DirectoryInfo(collection).EnumerateDirectories(DataRoot.StagingPrefix + "*"))
            .Concat(new DirectoryInfo(root.Temporary).EnumerateFileSystemInfos())
            .Where(entry => entry.LastWriteTimeUtc < olderThan)
            .ToList();
        foreach (var entry in leftovers)
        {
            if (entry is DirectoryInfo directory)
                directory.Delete(recursive: true);
            else
                entry.Delete();
        }
        return leftovers.Count;
    }
}
