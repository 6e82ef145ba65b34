using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>The verbs the executable runs instead of the web service.</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, (string Usage, Func<CliArguments, TextWriter, int> Run)> Verbs = new()
    {
        ["summary"] = (SummaryCommand.Usage, SummaryCommand.Run),
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var (usage, run) = Verbs[args[0]];
        try
        {
            return run(new CliArguments(args.Skip(1)), output);
        }
        catch (CliUsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine($"Usage: {usage}");
            return 2;
        }
        catch (InvalidArchitectureException e)
        {
            foreach (var (field, messages) in e.Errors)
                error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
    }
}
