using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using ResNetService.Model.Import;
using ResNetService.Training.Data;

namespace ResNetService.Api.Cli;

/// <summary>
/// The executable's command line: a verb, or the web service when none is named. Usage errors exit with 2 and one
/// line that says what is wrong and where the help is; <c>--help</c> anywhere prints help and starts nothing.
/// </summary>
public static class CommandLine
{
    public const string ExecutableName = "ResNetService";

    /// <summary>The shell's exit code for a run stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a command line that cannot be run as given (as most Unix tools use).</summary>
    public const int UsageError = 2;

    /// <summary>Help written to a file or a pipe (docs/cli.md's copy of it too) wraps here rather than not at all.</summary>
    private const int RedirectedHelpWidth = 110;

    private const string Description = "Trains pre-activation ResNets on your images and serves them. Without a verb, runs the web service (see 'serve').";

    /// <param name="serve">Runs the web service with the arguments meant for the ASP.NET Core host.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string[], int> serve)
    {
        var root = Create(args, serve, TerminalWidth.Of(output) ?? RedirectedHelpWidth);
        if (UnknownVerb(root, args) is { } unknown)
        {
            error.WriteLine(unknown);
            return UsageError;
        }

        // No response files: an argument starting with '@' is a value for the host, not a file of arguments to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction || UnmatchedIsError(parsed))
        {
            error.WriteLine(ParseErrorLine(parsed));
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"{e.Message} {SeeHelp(parsed.CommandResult)}");
            return UsageError;
        }
        catch (InvalidArchitectureException e)
        {
            foreach (var (field, messages) in e.Errors)
                error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return UsageError;
        }
        catch (WeightsImportException e)
        {
            error.WriteLine($"'{e.File}' cannot be imported:");
            foreach (var problem in e.Problems)
                error.WriteLine($"  {problem}");
            return 1;
        }
        catch (Exception e) when (e is DatasetException or CheckpointException or ImageDecodingException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (Settings.Failures(e) is { } failures)
        {
            foreach (var failure in failures)
                error.WriteLine(failure);
            return 1;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Interrupted.");
            return Interrupted;
        }
        catch (ExternalException e)
        {
            // libtorch's own errors (memory it could not allocate, a device that failed): one line and a failed
            // exit, not the runtime's abort with a native stack; a run's checkpoints are already on disk.
            error.WriteLine($"libtorch failed: {e.Message.Split('\n', 2)[0].Trim()}");
            return 1;
        }
    }

    /// <summary>Every verb is one command built by its own class; a new verb is one more line here.</summary>
    private static Command Create(string[] args, Func<string[], int> serve, int helpWidth)
    {
        var root = new Command(ExecutableName, Description)
        {
            new HelpOption { Action = new HelpAction { MaxWidth = helpWidth } },
            new VersionOption { Action = new VersionAction() },
            ServeCommand.Create(serve, args),
            TrainCommand.Create(),
            SweepCommand.Create(),
            SummaryCommand.Create(),
            BenchCommand.Create(),
            RecordsCommand.Create(),
            KeysCommand.Create(),
            ExplainCommand.Create(),
            ImportCommand.Create(),
            DatasetCommand.Create(),
        };
        ServeCommand.Configure(root, serve, args);
        return root;
    }

    /// <summary>
    /// A first argument that is a plain word must name a verb. The root passes unknown options on to the host
    /// (<c>--Storage:DataRoot=/data</c>), but host configuration never starts with a bare word, so a typo there
    /// is a mistyped verb, not a setting.
    /// </summary>
    private static string? UnknownVerb(Command root, string[] args)
    {
        if (args.Length == 0 || args[0].Length == 0 || args[0][0] is '-' or '/' || args[0].Contains('='))
            return null;
        if (root.Subcommands.Any(c => c.Name == args[0]))
            return null;
        var closest = Suggestions.Closest(args[0], root.Subcommands.Select(c => c.Name));
        return $"'{args[0]}' is not a verb.{DidYouMean(closest)} {SeeHelp(parsedCommand: null)}";
    }

    /// <summary>
    /// The root lets unknown tokens through for the host, and the parser then lets them through everywhere: a verb
    /// refuses them here, so a mistyped option is never silently ignored.
    /// </summary>
    private static bool UnmatchedIsError(ParseResult parsed) =>
        parsed.UnmatchedTokens.Count > 0 && parsed.CommandResult.Command.TreatUnmatchedTokensAsErrors && parsed.Action is not HelpAction;

    private static string ParseErrorLine(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var known = command.Options.Concat(OptionsInheritedBy(parsed.CommandResult)).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Select(c => c.Name));
        var unmatched = parsed.UnmatchedTokens.FirstOrDefault();
        var closest = unmatched is null ? null : Suggestions.Closest(unmatched, known);
        var messages = string.Join(" ", parsed.Errors.Select(e => e.Message)
            .Concat(UnmatchedIsError(parsed) ? parsed.UnmatchedTokens.Select(t => $"Unrecognized option or argument '{t}'.") : [])
            .Distinct());
        return $"{messages}{DidYouMean(closest)} {SeeHelp(parsed.CommandResult)}";
    }

    private static IEnumerable<Option> OptionsInheritedBy(CommandResult command) =>
        command.Parent is CommandResult parent ? parent.Command.Options.Where(o => o.Recursive).Concat(OptionsInheritedBy(parent)) : [];

    private static string DidYouMean(string? closest) => closest is null ? "" : $" Did you mean '{closest}'?";

    private static string SeeHelp(CommandResult? parsedCommand) => $"See '{(parsedCommand is null ? ExecutableName : PathOf(parsedCommand))} --help'.";

    private static string PathOf(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{PathOf(parent)} {command.Command.Name}" : command.Command.Name;
}
