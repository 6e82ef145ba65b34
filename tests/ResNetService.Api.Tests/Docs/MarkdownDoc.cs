using System.Text;
using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Docs;

/// <summary>A Markdown page of the repository as a reader (and GitHub) sees it: its links, its headings' anchors, its code spans.</summary>
public sealed partial class MarkdownDoc
{
    private MarkdownDoc(string path, string text)
    {
        Path = path;
        var prose = Prose(text.ReplaceLineEndings("\n"));
        Links = Link().Matches(InlineCode().Replace(prose, "code")).Select(m => m.Groups["target"].Value).ToList();
        CodeSpans = InlineCode().Matches(prose).Select(m => m.Value.Trim('`')).ToList();
        Anchors = AnchorsOf(prose);
    }

    /// <summary>From the repository root, with '/'.</summary>
    public string Path { get; }

    public IReadOnlyList<string> Links { get; }

    public IReadOnlyList<string> CodeSpans { get; }

    public IReadOnlySet<string> Anchors { get; }

    /// <summary>The front door and every page under docs/, and the deployment guide beside the Docker files.</summary>
    public static IEnumerable<string> All =>
        new[] { "README.md", "deploy/README.md" }.Concat(Directory.GetFiles(Repository.PathOf("docs"), "*.md")
            .Select(file => "docs/" + System.IO.Path.GetFileName(file)).Order(StringComparer.Ordinal));

    public static MarkdownDoc Read(string path) => new(path, Repository.Read(path));

    /// <summary>The text outside fenced code blocks, where links and headings are what they look like.</summary>
    private static string Prose(string text)
    {
        var prose = new StringBuilder();
        var fenced = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                fenced = !fenced;
            else if (!fenced)
                prose.Append(line).Append('\n');
        }
        return prose.ToString();
    }

    /// <summary>GitHub's anchors: the heading in lower case, without punctuation, spaces as '-', repeats numbered.</summary>
    private static HashSet<string> AnchorsOf(string prose)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(prose))
        {
            var slug = string.Concat(heading.Groups["text"].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
            var anchor = slug;
            for (var repeat = 1; !anchors.Add(anchor); repeat++)
                anchor = $"{slug}-{repeat}";
        }
        return anchors;
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
