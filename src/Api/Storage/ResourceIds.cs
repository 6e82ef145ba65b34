using System.Text.RegularExpressions;

namespace ResNetService.Api.Storage;

/// <summary>
/// Server-generated ids. Every id taken from a request is checked against the one strict shape the server
/// produces before it becomes part of a path, so no id can name anything outside its folder.
/// </summary>
public static partial class ResourceIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
