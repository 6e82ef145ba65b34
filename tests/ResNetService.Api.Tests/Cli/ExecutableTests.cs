using System.Diagnostics;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Cli;

/// <summary>The built executable in a process of its own, as a user runs it.</summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public class ExecutableTests
{
    /// <summary>A bound on a run that should end by itself; a service that started would never end.</summary>
    private static readonly TimeSpan EndsWithin = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(0, "-h")]
    [InlineData(0, "train", "--help")]
    [InlineData(2, "trian")]
    [InlineData(2, "--role", "trainer")]
    public async Task EndsWithoutStartingTheService(int expectedExit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["ResNetService.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Were it to start anyway, on a port of its own rather than on one in use.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__DataRoot"] = Path.Combine(Path.GetTempPath(), "resnetservice-cli-" + Guid.NewGuid().ToString("N"));

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(EndsWithin);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' was still running after {EndsWithin}: it started the service.");
        }
        var printed = await output + await error;

        Assert.Equal(expectedExit, process.ExitCode);
        Assert.DoesNotContain("Starting as role", printed);
        Assert.False(Directory.Exists(start.Environment["Storage__DataRoot"]), "The data root was created: the service was built.");
        Assert.True(expectedExit == 0 ? (await output).Contains("Usage:", StringComparison.Ordinal) : CliRunner.Lines(await error).Length == 1, printed);
    }
}
