using System.Formats.Tar;
using System.IO.Compression;

namespace ResNetService.Training.Data.Archives;

/// <summary>
/// Extracts .zip, .tar and .tar.gz uploads without trusting them: no absolute paths, no '..', no links or
/// devices, and bounded size; on any refusal everything already written is deleted.
/// </summary>
public static class ArchiveExtractor
{
    // Unix file-type bits that zip tools store in the upper half of the external attributes.
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;

    public static void Extract(string archivePath, string destinationFolder, ExtractionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!File.Exists(archivePath))
        {
            throw new DatasetException($"Archive '{archivePath}' does not exist.");
        }

        var kind = ArchiveKindDetector.Detect(archivePath)
            ?? throw new DatasetException($"'{Path.GetFileName(archivePath)}' is not a .zip, .tar or .tar.gz archive.");
        if (Directory.Exists(destinationFolder) && Directory.EnumerateFileSystemEntries(destinationFolder).Any())
        {
            throw new ArgumentException($"Destination folder '{destinationFolder}' is not empty.", nameof(destinationFolder));
        }

        var target = new ExtractionTarget(destinationFolder, limits);
        try
        {
            if (kind == ArchiveKind.Zip)
            {
                ExtractZip(archivePath, destinationFolder, limits, target);
            }
            else
            {
                Directory.CreateDirectory(destinationFolder);
                ExtractTar(archivePath, kind == ArchiveKind.TarGz, target);
            }
        }
        catch (Exception exception) when (exception is DatasetException or InvalidDataException or IOException or FormatException or ArgumentException)
        {
            target.DeleteEverythingWritten();
            throw exception as DatasetException
                ?? new DatasetException($"Archive '{Path.GetFileName(archivePath)}' is damaged: {exception.Message}", exception);
        }
    }

    private static void ExtractZip(string archivePath, string destinationFolder, ExtractionLimits limits, ExtractionTarget target)
    {
        using var archive = ZipFile.OpenRead(archivePath);
        // A zip lists every name up front: an absurd one is refused before anything is written, the folder included.
        foreach (var entry in archive.Entries)
        {
            ArchiveEntryName.Check(entry.FullName, limits);
        }

        Directory.CreateDirectory(destinationFolder);
        foreach (var entry in archive.Entries)
        {
            target.CountEntry(entry.FullName);
            var fileType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
            if (fileType != 0 && fileType != UnixRegularFile && fileType != UnixDirectory)
            {
                throw new DatasetException($"Archive entry '{entry.FullName}' is a link or special file, which is not allowed.");
            }

            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                target.CreateDirectory(entry.FullName);
                continue;
            }

            using var content = entry.Open();
            target.WriteFile(entry.FullName, content, entry.Length);
        }
    }

    private static void ExtractTar(string archivePath, bool gzipped, ExtractionTarget target)
    {
        using var file = File.OpenRead(archivePath);
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            target.CountEntry(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    target.WriteFile(entry.Name, entry.DataStream, entry.Length);
                    break;
                case TarEntryType.Directory:
                    target.CreateDirectory(entry.Name);
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    break;
                default:
                    throw new DatasetException(
                        $"Archive entry '{entry.Name}' is of type {entry.EntryType}; only regular files and directories are allowed.");
            }
        }
    }
}
