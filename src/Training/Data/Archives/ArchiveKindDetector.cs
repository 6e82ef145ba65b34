namespace ResNetService.Training.Data.Archives;

/// <summary>Recognises archives by their leading bytes, so a misnamed upload still opens.</summary>
public static class ArchiveKindDetector
{
    private const int TarMagicOffset = 257;

    public static ArchiveKind? Detect(string path)
    {
        var header = new byte[TarMagicOffset + 5];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read >= 4 && header[0] == 'P' && header[1] == 'K' && (header[2], header[3]) is (3, 4) or (5, 6))
        {
            return ArchiveKind.Zip;
        }

        if (read >= 2 && header[0] == 0x1F && header[1] == 0x8B)
        {
            return ArchiveKind.TarGz;
        }

        if (read >= header.Length && header.AsSpan(TarMagicOffset, 5).SequenceEqual("ustar"u8))
        {
            return ArchiveKind.Tar;
        }

        // Pre-POSIX (v7) tar has no magic; its name is the only hint.
        return path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? ArchiveKind.Tar : null;
    }
}
