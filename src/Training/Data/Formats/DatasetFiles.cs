namespace ResNetService.Training.Data.Formats;

/// <summary>Finds a dataset file by name in a folder, ignoring case.</summary>
internal static class DatasetFiles
{
    public static string? Find(string folder, string fileName) =>
        Directory.EnumerateFiles(folder)
            .FirstOrDefault(path => string.Equals(Path.GetFileName(path), fileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds <paramref name="baseName"/> or <paramref name="baseName"/>.gz.</summary>
    public static string? FindPlainOrGzipped(string folder, string baseName) =>
        Find(folder, baseName) ?? Find(folder, baseName + ".gz");
}
