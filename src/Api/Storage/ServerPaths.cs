using Microsoft.Extensions.Options;

namespace ResNetService.Api.Storage;

/// <summary>
/// Answers and job errors name files relative to the data root or the import root, never by their place on the
/// server: messages from the dataset readers and the checkpoint code carry absolute paths, and are passed through here.
/// </summary>
public sealed class ServerPaths(DataRoot root, IOptions<StorageOptions> storage)
{
    public string Redact(string message)
    {
        var redacted = Strip(message, root.FullPath);
        return storage.Value.ImportRoot is { Length: > 0 } import ? Strip(Strip(redacted, Path.GetFullPath(import)), RealPath.Of(import)) : redacted;
    }

    private static string Strip(string message, string folder) =>
        message.Replace(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(folder), ".", StringComparison.Ordinal);
}
