using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Cli;

/// <summary>
/// docs/cli.md shows what <c>--help</c> prints today, not what it printed once (scripts/update-cli-help.py rewrites it
/// from the built executable).
/// </summary>
public sealed partial class CliDocTests
{
    private const string Doc = "docs/cli.md";

    [Fact]
    public void EveryHelpBlockInTheCliDocIsTheCurrentOutput()
    {
        var blocks = HelpBlock().Matches(Repository.Read(Doc).ReplaceLineEndings("\n"));

        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            var args = block.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (exit, output, _) = CliRunner.Run(args);

            Assert.Equal(0, exit);
            Assert.Equal(Normalized(output), Normalized(block.Groups["output"].Value));
        }
    }

    [Fact]
    public void TheCliDocShowsTheHelpOfEveryVerb()
    {
        var shown = HelpBlock().Matches(Repository.Read(Doc).ReplaceLineEndings("\n")).Select(m => m.Groups["args"].Value.Trim()).ToHashSet();
        var (_, topLevel, _) = CliRunner.Run("--help");

        Assert.Contains("--help", shown);
        foreach (var verb in Verbs(topLevel).SelectMany(VerbsUnder))
            Assert.Contains($"{verb} --help", shown);
    }

    /// <summary>A group of verbs (<c>bench</c>, <c>records</c>) stands for the verbs under it.</summary>
    private static IEnumerable<string> VerbsUnder(string verb)
    {
        var (_, help, _) = CliRunner.Run(verb, "--help");
        return help.Contains("Commands:", StringComparison.Ordinal) ? Verbs(help).Select(v => $"{verb} {v}") : [verb];
    }

    /// <summary>The names in a help text's Commands section.</summary>
    private static IEnumerable<string> Verbs(string help) =>
        CommandsEntry().Matches(help[help.IndexOf("Commands:", StringComparison.Ordinal)..]).Select(m => m.Groups["verb"].Value);

    /// <summary>Trailing spaces are the help writer's, and the doc drops them.</summary>
    private static string Normalized(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Trim('\n').Split('\n').Select(l => l.TrimEnd()));

    [GeneratedRegex(@"```text\n\$ dotnet run --project src/Api -c Release -- (?<args>[^\n]*--help)\n(?<output>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex HelpBlock();

    [GeneratedRegex(@"^  (?<verb>[a-z]+)\s", RegexOptions.Multiline)]
    private static partial Regex CommandsEntry();
}
