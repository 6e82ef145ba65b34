namespace ResNetService.Training.Data.Formats;

/// <summary>Finds where a dataset really starts: archives often wrap everything in one top-level folder.</summary>
internal static class DatasetRoot
{
    // Bounds the unwrapping so a directory symlink pointing back up cannot loop forever.
    private const int MaxWrappingDepth = 8;

    public static string Resolve(string folder)
    {
        var root = folder;
        for (var depth = 0; depth < MaxWrappingDepth; depth++)
        {
            var directories = Directory.EnumerateDirectories(root).Where(path => !IsIgnorable(path)).ToArray();
            var hasFiles = Directory.EnumerateFiles(root).Any(path => !IsIgnorable(path));
            if (directories.Length != 1 || hasFiles)
            {
                return root;
            }

            root = directories[0];
        }

        return root;
    }

    /// <summary>Hidden files and macOS archive debris (__MACOSX, .DS_Store, ._x) are never part of a dataset.</summary>
    public static bool IsIgnorable(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase);
    }
}
