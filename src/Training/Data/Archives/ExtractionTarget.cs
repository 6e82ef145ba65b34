namespace ResNetService.Training.Data.Archives;

/// <summary>
/// Writes archive entries under one destination folder, enforcing <see cref="ExtractionLimits"/> on the bytes
/// actually written and remembering everything it created so a failed extraction can be undone.
/// </summary>
internal sealed class ExtractionTarget
{
    private readonly string destination;
    private readonly ExtractionLimits limits;
    private readonly List<string> createdFiles = [];
    private readonly List<string> createdDirectories = [];
    private long entryCount;
    private long totalBytes;

    public ExtractionTarget(string destination, ExtractionLimits limits)
    {
        this.destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        this.limits = limits;
    }

    public void CountEntry(string entryName)
    {
        ArchiveEntryName.Check(entryName, limits);
        if (++entryCount > limits.MaxEntries)
        {
            throw new DatasetException($"Archive entry '{entryName}': the archive has more than {limits.MaxEntries} entries.");
        }
    }

    public void CreateDirectory(string entryName) => EnsureDirectory(ResolvePath(entryName));

    public void WriteFile(string entryName, Stream? content, long declaredLength)
    {
        if (declaredLength > limits.MaxEntryBytes)
        {
            throw EntryTooLarge(entryName);
        }

        var path = ResolvePath(entryName);
        EnsureDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new DatasetException($"Archive entry '{entryName}' appears more than once.");
        }

        createdFiles.Add(path);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        if (content is not null)
        {
            CopyWithinLimits(entryName, content, output);
        }
    }

    public void DeleteEverythingWritten()
    {
        foreach (var file in createdFiles)
        {
            File.Delete(file);
        }

        for (var i = createdDirectories.Count - 1; i >= 0; i--)
        {
            Directory.Delete(createdDirectories[i], recursive: true);
        }
    }

    private void CopyWithinLimits(string entryName, Stream content, FileStream output)
    {
        var buffer = new byte[81920];
        long entryBytes = 0;
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            entryBytes += read;
            totalBytes += read;
            if (entryBytes > limits.MaxEntryBytes)
            {
                throw EntryTooLarge(entryName);
            }

            if (totalBytes > limits.MaxTotalBytes)
            {
                throw new DatasetException(
                    $"Archive entry '{entryName}': the archive expands to more than {limits.MaxTotalBytes} bytes.");
            }

            output.Write(buffer, 0, read);
        }
    }

    private DatasetException EntryTooLarge(string entryName) =>
        new($"Archive entry '{entryName}' expands to more than {limits.MaxEntryBytes} bytes.");

    private string ResolvePath(string entryName)
    {
        var relative = entryName.Replace('\\', '/');
        if (relative.StartsWith('/') || Path.IsPathRooted(relative) || (relative.Length >= 2 && relative[1] == ':'))
        {
            throw new DatasetException($"Archive entry '{entryName}' has an absolute path.");
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            throw new DatasetException($"Archive entry '{entryName}' contains a '..' path segment.");
        }

        var path = Path.GetFullPath(Path.Combine([destination, .. segments]));
        if (path != destination && !path.StartsWith(destination + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DatasetException($"Archive entry '{entryName}' would be written outside the destination folder.");
        }

        return path;
    }

    private void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        EnsureDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(path);
        createdDirectories.Add(path);
    }
}
