using System.Diagnostics;

namespace ResNetService.Api.Tests.Support;

/// <summary>A command-line tool run to its end, its output kept for the assertion that reads it.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    /// <param name="within">A bound on a run that should end by itself; past it the run fails the test.</param>
    public static async Task<ToolRun> Of(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan within,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{file} {string.Join(' ', start.ArgumentList)}' was still running after {within}.");
        }
        return new ToolRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}
