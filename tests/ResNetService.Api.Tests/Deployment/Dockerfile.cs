using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>A Dockerfile as a list of instructions: comments dropped, backslash continuations joined.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public static Dockerfile Load(string relativePath = "Dockerfile")
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in Repository.Read(relativePath).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
                continue;
            var space = whole.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0 ? (whole.ToUpperInvariant(), "") : (whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }
        return new Dockerfile(instructions);
    }

    public IEnumerable<string> All(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>The instructions of the last stage (the image that runs).</summary>
    public Dockerfile FinalStage()
    {
        var last = Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
        Assert.True(last >= 0, "The Dockerfile has no FROM.");
        return new Dockerfile(Instructions.Skip(last).ToList());
    }

    /// <summary>ARG defaults declared before the first FROM, as used in FROM lines (a default may use earlier ones).</summary>
    public IReadOnlyDictionary<string, string> GlobalArgs()
    {
        var args = new Dictionary<string, string>();
        foreach (var (keyword, arguments) in Instructions.TakeWhile(i => i.Keyword != "FROM"))
        {
            if (keyword == "ARG" && arguments.Split('=', 2) is [var name, var value])
                args[name] = ExpandArgs(value, args);
        }
        return args;
    }

    /// <summary>The instructions of the stage named <paramref name="stage"/> (<c>FROM image AS stage</c>).</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Stage(string stage)
    {
        var start = Instructions.ToList().FindIndex(i => i.Keyword == "FROM" && i.Arguments.EndsWith($" AS {stage}", StringComparison.OrdinalIgnoreCase));
        Assert.True(start >= 0, $"The Dockerfile has no stage '{stage}'.");
        return Instructions.Skip(start + 1).TakeWhile(i => i.Keyword != "FROM").ToList();
    }

    public string ExpandArgs(string text, IReadOnlyDictionary<string, string> args) =>
        ArgReference().Replace(text, m => args.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>ENV instructions, in <c>KEY=VALUE KEY=VALUE</c> form.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arguments in All("ENV"))
        {
            foreach (Match match in EnvPair().Matches(arguments))
                environment[match.Groups["key"].Value] = match.Groups["value"].Value.Trim('"');
        }
        return environment;
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
}
