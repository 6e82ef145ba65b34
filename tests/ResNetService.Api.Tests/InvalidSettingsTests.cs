using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>The real executable started with one setting wrong: one line that names it, exit code 1, no stack trace.</summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class InvalidSettingsTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-settings-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    [Theory]
    [InlineData("RateLimits:ClassifyPerMinute", "100000000", "= 100000000", "between 1 and 1000000")]
    [InlineData("Limits:MaxUploadBytes", "ten", "'ten'", "a whole number")]
    [InlineData("Jobs:LeaseDuration", "00:00:01", "= 00:00:01", "between 00:00:02 and 01:00:00")]
    [InlineData("Training:Device", "tpu", "'tpu'", "auto, cpu, cuda or cuda:N")]
    [InlineData("Auth:ApiKey", "too-short-a-key", "(15 characters, not shown)", "at least 32 characters")]
    [InlineData("Logging:Json", "yes", "'yes'", "true or false")]
    [InlineData("Role", "boss", "'boss'", "all, api or worker")]
    [InlineData("Classification:Engine", "tensorrt", "'tensorrt'", "one of auto, onnxruntime, libtorch")]
    [InlineData("Classification:Engine", "7", "= 7", "not auto, onnxruntime or libtorch")]
    [InlineData("Classification:Device", "gpu", "'gpu'", "auto, cpu, cuda or cuda:N")]
    public void AnInvalidSettingEndsTheProcessWithOneLineThatNamesIt(string key, string value, string shown, string allowed)
    {
        using var service = ServiceProcess.Start(key == "Role" ? null : "all", new Dictionary<string, string> { ["Storage:DataRoot"] = _dataRoot, [key] = value });

        var exit = service.ExitCode(within: TimeSpan.FromMinutes(2));

        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, exit);
        var line = Assert.Single(lines);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), line);
        Assert.Contains(shown, line);
        Assert.Contains(allowed, line);
        Assert.DoesNotContain(value == "too-short-a-key" ? value : "   at ", line);
    }
}
