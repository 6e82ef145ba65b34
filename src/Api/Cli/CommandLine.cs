using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Api.Cli;

/// <summary>The verbs the executable runs instead of the web service.</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, (string Usage, Func<CliArguments, TextWriter, int> Run)> Verbs = new()
    {
        ["summary"] = (SummaryCommand.Usage, SummaryCommand.Run),
        ["train"] = (TrainCommand.Usage, TrainCommand.Run),
        ["bench train"] = (BenchCommand.Usage, BenchCommand.Run),
    };

    /// <summary>The shell's exit code for a run stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static bool IsVerb(string[] args) => Verb(args) is not null;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var verb = Verb(args) ?? throw new ArgumentException("Not a verb.", nameof(args));
        var (usage, run) = Verbs[verb];
        try
        {
            return run(new CliArguments(args.Skip(verb.Split(' ').Length)), output);
        }
        catch (CliUsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine($"Usage: {usage}");
            return 2;
        }
        catch (DatasetException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (InvalidArchitectureException e)
        {
            foreach (var (field, messages) in e.Errors)
                error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Interrupted.");
            return Interrupted;
        }
    }

    /// <summary>The verb the arguments start with: two words ("bench train") before one.</summary>
    private static string? Verb(string[] args)
    {
        if (args.Length > 1 && Verbs.ContainsKey($"{args[0]} {args[1]}"))
            return $"{args[0]} {args[1]}";
        return args.Length > 0 && Verbs.ContainsKey(args[0]) ? args[0] : null;
    }
}
