using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>A dotenv file as docker compose reads it: KEY=VALUE lines, # comments, optional quotes.</summary>
internal sealed partial class EnvFile
{
    private EnvFile(IReadOnlyDictionary<string, string> values) => Values = values;

    public IReadOnlyDictionary<string, string> Values { get; }

    public static EnvFile Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var match = Line().Match(line);
            Assert.True(match.Success, $"Not a KEY=VALUE line: '{line}'.");
            var value = match.Groups["value"].Value.Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
                value = value[..comment].TrimEnd();
            Assert.False(values.ContainsKey(match.Groups["key"].Value), $"{match.Groups["key"].Value} is defined twice.");
            values[match.Groups["key"].Value] = value;
        }
        return new EnvFile(values);
    }

    [GeneratedRegex(@"^(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Line();
}
