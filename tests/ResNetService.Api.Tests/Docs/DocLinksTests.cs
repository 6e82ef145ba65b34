using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Docs;

/// <summary>Every relative link of the README and the docs leads to a file that exists, and to a heading in it when it names one.</summary>
public sealed partial class DocLinksTests
{
    public static TheoryData<string> Pages => new(MarkdownDoc.All);

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLinkResolves(string page)
    {
        var doc = MarkdownDoc.Read(page);
        var folder = Path.GetDirectoryName(Repository.PathOf(page))!;

        var broken = doc.Links.Where(link => !Scheme().IsMatch(link)).Select(link => Problem(doc, folder, link)).OfType<string>().ToList();

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join("\n", broken)}");
    }

    private static string? Problem(MarkdownDoc doc, string folder, string link)
    {
        var (file, anchor) = link.IndexOf('#') is var hash and >= 0 ? (link[..hash], link[(hash + 1)..]) : (link, null);
        var target = file.Length == 0 ? Repository.PathOf(doc.Path) : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(file)));
        if (!File.Exists(target) && !Directory.Exists(target))
            return $"{link}: there is no {Path.GetRelativePath(Repository.Root, target)}";
        if (anchor is null)
            return null;
        if (!target.EndsWith(".md", StringComparison.Ordinal))
            return $"{link}: an anchor in a file that is not Markdown";
        var anchors = file.Length == 0 ? doc.Anchors : MarkdownDoc.Read(Path.GetRelativePath(Repository.Root, target).Replace('\\', '/')).Anchors;
        return anchors.Contains(anchor) ? null : $"{link}: no heading makes #{anchor} (there are: {string.Join(", ", anchors.Order())})";
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
