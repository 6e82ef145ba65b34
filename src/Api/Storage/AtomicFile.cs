using System.Text.Json;

namespace ResNetService.Api.Storage;

/// <summary>
/// JSON documents written to a temporary file beside the target, flushed and renamed over it, so readers see the
/// old or the new document and never a torn one, even after a crash.
/// </summary>
public static class AtomicFile
{
    public static void WriteJson<T>(string path, T value)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, value, StorageJson.Options);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <returns>The document, or default when the file does not exist.</returns>
    public static T? ReadJson<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, StorageJson.Options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return default;
        }
    }
}
