using System.Net;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>Every limit answers with a problem and leaves the data root as it was.</summary>
public sealed class LimitsTests : IDisposable
{
    private readonly ServiceFactory _factory = ServiceFactory.With(new()
    {
        ["Limits:MaxUploadBytes"] = "200000",
        ["Limits:MaxArchiveEntries"] = "20",
        ["Limits:MaxArchiveBytes"] = "100000",
        ["Limits:MaxImagePixels"] = "1000000",
    });
    private readonly HttpClient _client;

    public LimitsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task BodyOverTheLimitIsTooLarge()
    {
        var problem = await (await _client.PostAsync("/datasets", Multipart.Archive(new byte[300_000])))
            .AssertProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("200000", problem.GetProperty("detail").GetString());
        AssertNothingStored();
    }

    [Fact]
    public async Task ImportedWeightsOverTheUploadLimitAreTooLarge()
    {
        var problem = await (await _client.PostAsync("/models/import", ImportForms.Form(new byte[300_000], "weights.pt",
            ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b")))).AssertProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("200000", problem.GetProperty("detail").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_factory.DataRoot, "tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_factory.DataRoot, "models")));
    }

    public static TheoryData<string, byte[], string> HostileArchives() => new()
    {
        { "zip slip", TestArchives.Zip(("pets/cat/1.png", TestImages.Png(8, 8)), ("../../evil.png", TestImages.Png(8, 8))), "'..'" },
        { "absolute path", TestArchives.Zip(("/tmp/evil.png", TestImages.Png(8, 8))), "absolute path" },
        { "zip symlink", TestArchives.ZipWithSymlink("pets/cat/link.png", "/etc/passwd"), "link" },
        { "tar symlink", TestArchives.TarGzWithSymlink("pets/cat/link.png", "/etc/passwd"), "SymbolicLink" },
        { "entry count", TestArchives.ImageFolderZip(11), "more than 20 entries" },
        { "size bomb", TestArchives.Zip(("pets/cat/zeros.png", new byte[5_000_000])), "more than 100000 bytes" },
        { "huge dimensions", TestArchives.Zip(
            ("pets/cat/1.png", TestImages.Png(8, 8)), ("pets/cat/2.png", TestImages.PngHeaderClaiming(50_000, 50_000)),
            ("pets/dog/1.png", TestImages.Png(8, 8)), ("pets/dog/2.png", TestImages.Png(8, 8))), "50000" },
        { "not an image", TestArchives.Zip(
            ("pets/cat/1.png", TestImages.Png(8, 8)), ("pets/cat/2.png", TestImages.NotAnImage()),
            ("pets/dog/1.png", TestImages.Png(8, 8))), "2.png" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task HostileArchiveIsRefusedAndLeavesNothing(string kind, byte[] archive, string expected)
    {
        var problem = await (await _client.PostAsync("/datasets", Multipart.Archive(archive, kind.Contains("tar") ? "data.tar.gz" : "data.zip")))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        AssertNothingStored();
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.png")));
    }

    private void AssertNothingStored()
    {
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_factory.DataRoot, "datasets")));
        Assert.Equal(["datasets", "models", "runs", "tmp"], Directory.EnumerateFileSystemEntries(_factory.DataRoot).Select(Path.GetFileName)
            .Where(name => !name!.StartsWith("records.db", StringComparison.Ordinal)).Order());
    }
}
