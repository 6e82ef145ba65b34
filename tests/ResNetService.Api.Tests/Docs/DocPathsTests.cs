using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Docs;

/// <summary>
/// The docs, the code map above all, name files that exist. Files move; when one does, this says which name in the docs to update.
/// A code span is a path when it begins with a folder at the repository's root (<c>src/...</c>, <c>tests/...</c>);
/// in the code map, a file name alone (<c>Trainer.cs</c>) must be some file's name in the repository.
/// </summary>
public sealed partial class DocPathsTests
{
    private static readonly HashSet<string> Skipped = ["bin", "obj", ".git", "node_modules", ".tools"];

    public static TheoryData<string> Pages => new(MarkdownDoc.All);

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRepositoryPathInTheDocsExists(string page)
    {
        var missing = MarkdownDoc.Read(page).CodeSpans.Where(IsRepositoryPath).Distinct()
            .Where(path => !File.Exists(Repository.PathOf(path)) && !Directory.Exists(Repository.PathOf(path))).ToList();

        Assert.True(missing.Count == 0, $"{page} names files that do not exist (moved or renamed? update {page}):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void EveryFileTheCodeMapNamesExists()
    {
        var names = Files(Repository.Root).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        var missing = MarkdownDoc.Read("docs/architecture.md").CodeSpans.Where(span => SourceFileName().IsMatch(span) && !names.Contains(span)).Distinct().ToList();

        Assert.True(missing.Count == 0, $"docs/architecture.md names files that are nowhere in the repository (moved or renamed? update it):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void TheCodeMapFollowsAJobAndAnImageThroughTheFiles()
    {
        var doc = MarkdownDoc.Read("docs/architecture.md");

        Assert.Contains("a-job-from-post-jobs-to-the-published-model", doc.Anchors);
        Assert.Contains("an-image-from-post-classify-to-its-probabilities", doc.Anchors);
        Assert.Contains(doc.CodeSpans, span => span.EndsWith("/TrainingJobRunner.cs", StringComparison.Ordinal));
        Assert.Contains(doc.CodeSpans, span => span.EndsWith("/InferenceQueue.cs", StringComparison.Ordinal));
    }

    private static bool IsRepositoryPath(string span) =>
        !span.Contains(' ') && span.IndexOf('/') is > 0 and var slash && span[..slash] is not ("." or "..") && Directory.Exists(Repository.PathOf(span[..slash]));

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder).Concat(Directory.EnumerateDirectories(folder)
            .Where(sub => !Skipped.Contains(Path.GetFileName(sub))).SelectMany(Files));

    [GeneratedRegex(@"^[\w.-]+\.(cs|js|css|html|py|sh|csproj|props|targets|sln)$")]
    private static partial Regex SourceFileName();
}
