using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Sources;
namespace ResNetService.Training.Data.Formats;

/// <summary>
/// The class folders of an image-folder dataset: either directly at the root, or under train/ with optional
/// val/ (or validation/) and test/ beside it. Classes are the train class folder names in ordinal order.
/// </summary>
internal sealed class ImageFolderLayout
{
    private static readonly string[] ValidationFolderNames = ["val", "validation"];

    private ImageFolderLayout(IReadOnlyList<string> classes, IReadOnlyDictionary<string, IReadOnlyList<ImageFile>> splits, IReadOnlyList<string> warnings)
    {
        Classes = classes;
        Splits = splits;
        Warnings = warnings;
    }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Files per split name (<see cref="SplitNames"/>), before their headers are checked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ImageFile>> Splits { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static bool IsPresent(string root) => SubFolders(root).Length > 0;

    public static ImageFolderLayout Discover(string root)
    {
        var warnings = new List<string>();
        var trainFolder = FindFolder(root, "train");
        var splitFolders = new Dictionary<string, string>();
        if (trainFolder is null)
        {
            splitFolders[SplitNames.Train] = root;
        }
        else
        {
            splitFolders[SplitNames.Train] = trainFolder;
            if (ValidationFolderNames.Select(name => FindFolder(root, name)).OfType<string>().FirstOrDefault() is { } validationFolder)
            {
                splitFolders[SplitNames.Validation] = validationFolder;
            }

            if (FindFolder(root, "test") is { } testFolder)
            {
                splitFolders[SplitNames.Test] = testFolder;
            }

            var ignored = SubFolders(root).Where(folder => !splitFolders.ContainsValue(folder)).Select(Path.GetFileName).ToArray();
            if (ignored.Length > 0)
            {
                warnings.Add($"Folders beside train/ ignored: {string.Join(", ", ignored)}.");
            }
        }

        var classes = SubFolders(splitFolders[SplitNames.Train]).Select(folder => Path.GetFileName(folder)!).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            throw new DatasetException(
                $"'{splitFolders[SplitNames.Train]}' has {classes.Length} class folder(s); at least two are needed (one sub-folder per class).");
        }

        var splits = splitFolders.ToDictionary(
            split => split.Key,
            split => (IReadOnlyList<ImageFile>)ListFiles(root, split.Value, classes, warnings));
        return new ImageFolderLayout(classes, splits, warnings);
    }

    private static List<ImageFile> ListFiles(string root, string splitFolder, string[] classes, List<string> warnings)
    {
        var looseFiles = Directory.EnumerateFiles(splitFolder).Count(path => !DatasetRoot.IsIgnorable(path));
        if (looseFiles > 0)
        {
            warnings.Add($"{looseFiles} file(s) directly in '{Relative(root, splitFolder)}' (outside any class folder) ignored.");
        }

        var files = new List<ImageFile>();
        foreach (var classFolder in SubFolders(splitFolder))
        {
            var label = Array.IndexOf(classes, Path.GetFileName(classFolder));
            if (label < 0)
            {
                throw new DatasetException(
                    $"Class folder '{Relative(root, classFolder)}' has no counterpart among the training classes ({string.Join(", ", classes)}).");
            }

            var candidates = Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Where(path => !DatasetRoot.IsIgnorable(path) && !Relative(classFolder, path).Split('/').Any(part => part.StartsWith('.')))
                .ToArray();
            var images = candidates.Where(DecodingConfiguration.IsImageFile).Order(StringComparer.Ordinal).ToArray();
            if (images.Length == 0)
            {
                throw new DatasetException($"Class folder '{Relative(root, classFolder)}' contains no JPEG, PNG, BMP, GIF or WebP images.");
            }

            if (candidates.Length > images.Length)
            {
                warnings.Add($"{candidates.Length - images.Length} non-image file(s) in '{Relative(root, classFolder)}' ignored.");
            }

            files.AddRange(images.Select(path => new ImageFile(path, Relative(root, path), label)));
        }

        return files;
    }

    private static string? FindFolder(string root, string name) =>
        SubFolders(root).FirstOrDefault(folder => string.Equals(Path.GetFileName(folder), name, StringComparison.OrdinalIgnoreCase));

    private static string[] SubFolders(string folder) =>
        Directory.EnumerateDirectories(folder).Where(path => !DatasetRoot.IsIgnorable(path)).Order(StringComparer.Ordinal).ToArray();

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
