namespace ResNetService.Api.Tests.Deployment;

/// <summary>The repository the tests were built from: the folder holding ResNetService.sln above the test binaries.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative)
    {
        var path = PathOf(relative);
        Assert.True(File.Exists(path), $"{relative} is missing from the repository root {Root}.");
        return File.ReadAllText(path);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ResNetService.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No ResNetService.sln above {AppContext.BaseDirectory}.");
    }
}
