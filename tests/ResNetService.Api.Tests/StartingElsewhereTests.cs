using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>
/// The executable started from a folder of its user's choosing (as the benchmark scripts and a systemd unit do), where
/// no appsettings.json is found: every setting takes its built-in default.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class StartingElsewhereTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-elsewhere-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheServiceStartsWhereNoSettingsFileIs()
    {
        using var service = ServiceProcess.Start("all", new Dictionary<string, string> { ["Storage:DataRoot"] = Path.Combine(_folder, "data") }, ServiceProcess.FreeLoopbackUrl(), workingDirectory: _folder);

        using var client = await service.ReadyClientAsync();

        Assert.False(File.Exists(Path.Combine(_folder, "appsettings.json")));
        Assert.True((await client.GetAsync("/datasets")).IsSuccessStatusCode, service.Output);
    }
}
