using System.Formats.Tar;
using System.IO.Compression;

namespace ResNetService.Api.Tests.Support;

/// <summary>Dataset archives, well-formed and hostile.</summary>
public static class TestArchives
{
    /// <summary>An image-folder dataset: <paramref name="perClass"/> 8x8 PNGs in each class folder.</summary>
    public static byte[] ImageFolderZip(int perClass = 3, params string[] classes)
    {
        classes = classes.Length > 0 ? classes : ["cat", "dog"];
        return Zip(classes.SelectMany((label, c) => Enumerable.Range(0, perClass)
            .Select(i => ($"pets/{label}/{i}.png", TestImages.Png(8, 8, seed: c * 50 + i)))).ToArray());
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip whose one entry is marked (Unix mode bits) as a symbolic link to <paramref name="target"/>.</summary>
    public static byte[] ZipWithSymlink(string name, string target)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(name);
            entry.ExternalAttributes = (0xA000 | 0x1FF) << 16;
            using var stream = entry.Open();
            stream.Write(System.Text.Encoding.UTF8.GetBytes(target));
        }
        return buffer.ToArray();
    }

    public static byte[] TarGzWithSymlink(string name, string target)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        return buffer.ToArray();
    }
}
