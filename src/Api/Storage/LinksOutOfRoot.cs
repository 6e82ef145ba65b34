namespace ResNetService.Api.Storage;

/// <summary>
/// Finds a symbolic link inside a folder that leads out of a root: a dataset registered from the import root must not
/// read a file outside it by way of a link, however deep. Links that stay inside are followed, each real folder once.
/// </summary>
public static class LinksOutOfRoot
{
    /// <returns>The first link (relative to <paramref name="folder"/>) whose real target lies outside <paramref name="root"/>; null when none does.</returns>
    public static string? First(string folder, string root)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Real, string Shown)>([(folder, "")]);
        while (pending.TryPop(out var current))
        {
            if (!visited.Add(current.Real))
                continue;
            foreach (var entry in new DirectoryInfo(current.Real).EnumerateFileSystemInfos())
            {
                var shown = Path.Combine(current.Shown, entry.Name);
                var real = entry.LinkTarget is null ? entry.FullName : RealPath.Of(entry.FullName);
                if (entry.LinkTarget is not null && !IsInside(real, root))
                    return shown;
                if (Directory.Exists(real))
                    pending.Push((real, shown));
            }
        }
        return null;
    }

    public static bool IsInside(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
