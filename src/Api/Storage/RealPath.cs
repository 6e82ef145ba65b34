namespace ResNetService.Api.Storage;

/// <summary>Where a path really leads once every symbolic link along it (not only the last one) is followed.</summary>
public static class RealPath
{
    /// <summary>Linux gives up after 40 links too; a loop ends here instead of running forever.</summary>
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var pending = new Stack<string>(Components(Path.GetFullPath(path)).Reverse());
        var resolved = Path.GetPathRoot(Path.GetFullPath(path))!;
        var links = 0;
        while (pending.TryPop(out var component))
        {
            var next = Path.Combine(resolved, component);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++links > MaxLinks)
                throw new IOException($"Too many symbolic links under '{path}'.");
            // The link's target replaces it; its own components are resolved in turn.
            var absolute = Path.GetFullPath(target, resolved);
            foreach (var part in Components(absolute).Reverse())
                pending.Push(part);
            resolved = Path.GetPathRoot(absolute)!;
        }
        return Path.TrimEndingDirectorySeparator(resolved);
    }

    private static string[] Components(string fullPath) =>
        fullPath[Path.GetPathRoot(fullPath)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
