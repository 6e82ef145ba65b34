namespace ResNetService.Training.Data;

/// <summary>Finds where a dataset really starts: archives often wrap everything in one top-level folder.</summary>
internal static class DatasetRoot
{
    public static string Resolve(string folder)
    {
        var root = folder;
        while (true)
        {
            var directories = Directory.EnumerateDirectories(root).Where(path => !IsIgnorable(path)).ToArray();
            var hasFiles = Directory.EnumerateFiles(root).Any(path => !IsIgnorable(path));
            if (directories.Length != 1 || hasFiles)
            {
                return root;
            }

            root = directories[0];
        }
    }

    /// <summary>Hidden files and macOS archive debris (__MACOSX, .DS_Store, ._x) are never part of a dataset.</summary>
    public static bool IsIgnorable(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase);
    }
}
