namespace ResNetService.Training.Data.Archives;

/// <summary>
/// Refuses an entry whose name alone is absurd (nested too deep, too long) from the name, before any file-system work:
/// resolving and creating thousands of nested folders costs seconds of CPU before the operating system refuses them.
/// </summary>
internal static class ArchiveEntryName
{
    private const int ShownCharacters = 80;

    public static void Check(string entryName, ExtractionLimits limits)
    {
        if (entryName.Length > limits.MaxPathLength)
        {
            throw new DatasetException(
                $"Archive entry '{Shown(entryName)}' has a path of {entryName.Length} characters; at most {limits.MaxPathLength} are allowed.");
        }

        var depth = entryName.AsSpan().Count('/') + entryName.AsSpan().Count('\\');
        if (depth > limits.MaxPathDepth)
        {
            throw new DatasetException(
                $"Archive entry '{Shown(entryName)}' is nested {depth} folders deep; at most {limits.MaxPathDepth} are allowed.");
        }
    }

    /// <summary>The start of a name: the message must not be as absurd as the name.</summary>
    public static string Shown(string entryName) =>
        entryName.Length <= ShownCharacters ? entryName : string.Concat(entryName.AsSpan(0, ShownCharacters), "…");
}
