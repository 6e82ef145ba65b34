using ResNetService.Api.Cli;

namespace ResNetService.Api.Tests.Cli;

/// <summary>The command line in this process, with a stand-in for the web service that only records what it was given.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (exit, output, error, _) = RunRecordingServe(args);
        return (exit, output, error);
    }

    /// <returns><c>Served</c>: the arguments the web service would have started with; null when it was not started.</returns>
    public static (int Exit, string Output, string Error, string[]? Served) RunRecordingServe(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[]? served = null;
        var exit = CommandLine.Run(args, output, error, hostArgs =>
        {
            served = hostArgs;
            return 0;
        });
        return (exit, output.ToString(), error.ToString(), served);
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
