using ResNetService.Api.Storage;

namespace ResNetService.Api.Tests.Storage;

public sealed class RealPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-storage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LinksAnywhereAlongThePathAreFollowed()
    {
        var inside = Directory.CreateDirectory(Path.Combine(_folder, "root", "data")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere", "secret")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(inside, "escape"), Path.Combine(_folder, "elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(inside, "relative"), "../../elsewhere");

        Assert.Equal(outside, RealPath.Of(Path.Combine(inside, "escape", "secret")));
        Assert.Equal(outside, RealPath.Of(Path.Combine(inside, "relative", "secret")));
        Assert.Equal(inside, RealPath.Of(Path.Combine(inside, "..", "data")));
    }

    [Fact]
    public void LinkLoopsEndWithAnError()
    {
        Directory.CreateSymbolicLink(Path.Combine(_folder, "a"), Path.Combine(_folder, "b"));
        Directory.CreateSymbolicLink(Path.Combine(_folder, "b"), Path.Combine(_folder, "a"));

        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(_folder, "a", "x")));
    }
}
