using System.Formats.Tar;
using System.IO.Compression;

namespace ResNetService.Training.Tests.Data;

/// <summary>Writes zip and tar(.gz) archives from a folder, or from hand-made (possibly hostile) entries.</summary>
public static class ArchiveBuilder
{
    public static void ZipFolder(string folder, string zipPath) => ZipFile.CreateFromDirectory(folder, zipPath);

    public static void TarGzFolder(string folder, string tarGzPath)
    {
        using var output = File.Create(tarGzPath);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: false);
    }

    public static void Zip(string zipPath, params (string Name, byte[] Content)[] entries)
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name).Open();
            stream.Write(content);
        }
    }

    public static void Tar(string tarPath, params TarEntry[] entries)
    {
        using var output = File.Create(tarPath);
        using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }
    }

    public static PaxTarEntry TarFileEntry(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
}
