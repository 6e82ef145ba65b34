using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace ResNetService.Model.Checkpoints;

/// <summary>
/// The container of every checkpoint: a zip (stored, not compressed: weights do not compress) of named entries,
/// plus <c>index.json</c> with the format version and each entry's length and SHA-256. Written to a temporary file,
/// flushed to disk and renamed, so a crash never leaves a half-written file under the final name; read back only
/// after every entry has been verified against the index. Entries are stored, so none can hold more than the file:
/// a length declared beyond it is refused before anything is allocated for it.
/// </summary>
public static class CheckpointArchive
{
    public const int FormatVersion = 1;
    private const string IndexEntry = "index.json";

    public static void Write(string path, IReadOnlyDictionary<string, byte[]> entries)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var index = new CheckpointIndex(FormatVersion, entries.ToDictionary(
                        e => e.Key, e => new CheckpointIndexEntry(e.Value.LongLength, Convert.ToHexString(SHA256.HashData(e.Value)))));
                    Add(zip, IndexEntry, JsonSerializer.SerializeToUtf8Bytes(index, CheckpointJson.Options));
                    foreach (var (name, bytes) in entries)
                        Add(zip, name, bytes);
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static IReadOnlyDictionary<string, byte[]> Read(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException(path, "the file does not exist.");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var fileLength = new FileInfo(path).Length;
            var index = ReadIndex(path, zip, fileLength);
            var entries = new Dictionary<string, byte[]>();
            foreach (var (name, expected) in index.Entries)
            {
                var entry = zip.GetEntry(name) ?? throw new CheckpointException(path, $"entry '{name}' is missing.");
                if (entry.Length != expected.Length)
                    throw new CheckpointException(path, $"entry '{name}' holds {entry.Length} bytes, the index says {expected.Length}.");
                var bytes = ReadAll(path, entry, fileLength);
                if (!Convert.ToHexString(SHA256.HashData(bytes)).Equals(expected.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new CheckpointException(path, $"entry '{name}' is corrupted (its SHA-256 does not match the index).");
                entries[name] = bytes;
            }
            return entries;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new CheckpointException(path, "it is not a complete checkpoint archive (truncated or not a checkpoint).", e);
        }
    }

    private static CheckpointIndex ReadIndex(string path, ZipArchive zip, long fileLength)
    {
        var entry = zip.GetEntry(IndexEntry) ?? throw new CheckpointException(path, $"it has no {IndexEntry}; not a ResNetService checkpoint.");
        CheckpointIndex? index;
        try
        {
            index = JsonSerializer.Deserialize<CheckpointIndex>(ReadAll(path, entry, fileLength), CheckpointJson.Options);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"its {IndexEntry} is not valid JSON.", e);
        }
        if (index?.Entries is null)
            throw new CheckpointException(path, $"its {IndexEntry} lists no entries.");
        if (index.FormatVersion != FormatVersion)
            throw new CheckpointException(path, $"it has format version {index.FormatVersion}; this build reads version {FormatVersion}.");
        return index;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }

    private static byte[] ReadAll(string path, ZipArchiveEntry entry, long fileLength)
    {
        if (entry.Length > fileLength)
            throw new CheckpointException(path, $"entry '{entry.FullName}' declares {entry.Length} bytes, more than the {fileLength}-byte file holds (corrupt or not a checkpoint).");
        using var stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private sealed record CheckpointIndex(int FormatVersion, Dictionary<string, CheckpointIndexEntry> Entries);

    private sealed record CheckpointIndexEntry(long Length, string Sha256);
}
