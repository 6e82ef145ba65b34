using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Docs;

public sealed class ReadmeTests
{
    /// <summary>The README is the front door: what the service is, how to run it and its tests, a first walk, the way to the rest.</summary>
    [Fact]
    public void TheReadmeFitsOnAFewScreensAndLeadsToEveryPageOfTheDocs()
    {
        var readme = MarkdownDoc.Read("README.md");
        var lines = Repository.Read("README.md").Split('\n').Length;

        Assert.True(lines <= 250, $"README.md has {lines} lines: move the detail to a page under docs/.");
        var unlinked = MarkdownDoc.All.Where(page => page.StartsWith("docs/", StringComparison.Ordinal) && !readme.Links.Contains(page)).ToList();
        Assert.True(unlinked.Count == 0, $"README.md does not link to {string.Join(", ", unlinked)}.");
    }
}
