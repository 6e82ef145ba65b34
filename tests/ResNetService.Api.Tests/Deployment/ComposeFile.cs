using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>A YAML node with a local tag (<c>!reset</c>, <c>!override</c>), kept so tests can see it.</summary>
internal sealed record Tagged(string Tag, object? Value);

/// <summary>
/// A compose file parsed with YamlDotNet into dictionaries, lists and strings, as docker compose sees it: merge keys
/// (<c>&lt;&lt;: *anchor</c>) applied and <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR:?message}</c> interpolated
/// from the given variables (an unset or empty required one gets a placeholder, as the user must fill it in).
/// </summary>
internal sealed partial class ComposeFile
{
    public const string RequiredPlaceholder = "required-value-from-the-env-file";

    private readonly IReadOnlyDictionary<string, string> _variables;

    private ComposeFile(string text, IReadOnlyDictionary<string, string> variables)
    {
        _variables = variables;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.Single(stream.Documents);
        Root = Assert.IsType<Dictionary<string, object?>>(Convert(stream.Documents[0].RootNode));
    }

    public Dictionary<string, object?> Root { get; }

    public static ComposeFile Load(string relativePath, IReadOnlyDictionary<string, string> variables) =>
        new(Repository.Read(relativePath), variables);

    public Dictionary<string, object?> Services => Map(Root, "services");

    public Dictionary<string, object?> Service(string name)
    {
        Assert.True(Services.ContainsKey(name), $"No service '{name}'.");
        return Assert.IsType<Dictionary<string, object?>>(Services[name]);
    }

    /// <summary>The service's environment as a dictionary, whether written as a mapping or as KEY=VALUE items.</summary>
    public static Dictionary<string, string?> Environment(Dictionary<string, object?> service)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service.GetValueOrDefault("environment"))
        {
            case null:
                break;
            case Dictionary<string, object?> map:
                foreach (var (key, value) in map)
                    environment[key] = value as string;
                break;
            case List<object?> items:
                foreach (var item in items.Cast<string>())
                {
                    var equals = item.IndexOf('=');
                    environment[equals < 0 ? item : item[..equals]] = equals < 0 ? null : item[(equals + 1)..];
                }
                break;
            default:
                Assert.Fail("environment is neither a mapping nor a list.");
                break;
        }
        return environment;
    }

    public static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key)
    {
        Assert.True(parent.ContainsKey(key), $"No '{key}' in the mapping that has {string.Join(", ", parent.Keys)}.");
        return Assert.IsType<Dictionary<string, object?>>(parent[key]);
    }

    public static List<object?> List(Dictionary<string, object?> parent, string key)
    {
        Assert.True(parent.ContainsKey(key), $"No '{key}' in the mapping that has {string.Join(", ", parent.Keys)}.");
        return Assert.IsType<List<object?>>(parent[key]);
    }

    /// <summary>Every variable a compose file refers to (<c>$$</c> escapes excluded), with whether it is required.</summary>
    public static IReadOnlyDictionary<string, bool> VariablesUsed(string text)
    {
        var used = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (Match match in Interpolation().Matches(text))
        {
            if (match.Value == "$$")
                continue;
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
            var required = match.Groups["op"].Value.EndsWith('?');
            used[name] = used.GetValueOrDefault(name) || required;
        }
        return used;
    }

    private object? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        object? value = node switch
        {
            YamlScalarNode scalar => scalar.Value is null ? null : Interpolate(scalar.Value),
            YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
            YamlMappingNode mapping => ConvertMapping(mapping),
            _ => throw new InvalidOperationException($"Unexpected YAML node {node.GetType().Name}."),
        };
        return tag is not null && tag.StartsWith('!') && !tag.StartsWith("!!", StringComparison.Ordinal) ? new Tagged(tag, value) : value;
    }

    private Dictionary<string, object?> ConvertMapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var merged = new List<YamlMappingNode>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Assert.IsType<YamlScalarNode>(keyNode).Value!;
            if (key == "<<")
            {
                merged.AddRange(valueNode is YamlSequenceNode list ? list.Children.Cast<YamlMappingNode>() : [(YamlMappingNode)valueNode]);
                continue;
            }
            Assert.False(result.ContainsKey(key), $"Duplicate key '{key}'.");
            result[key] = Convert(valueNode);
        }
        // YAML merge keys: entries written in the mapping itself win over merged ones.
        foreach (var source in merged)
        {
            foreach (var (key, value) in ConvertMapping(source))
                result.TryAdd(key, value);
        }
        return result;
    }

    private string Interpolate(string text) => Interpolation().Replace(text, match =>
    {
        if (match.Value == "$$")
            return "$";
        var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
        var op = match.Groups["op"].Value;
        var argument = match.Groups["arg"].Value;
        var present = _variables.TryGetValue(name, out var value);
        var nonEmpty = present && !string.IsNullOrEmpty(value);
        return op switch
        {
            ":-" => nonEmpty ? value! : argument,
            "-" => present ? value! : argument,
            ":?" => nonEmpty ? value! : RequiredPlaceholder,
            "?" => present ? value! : RequiredPlaceholder,
            _ => value ?? "",
        };
    });

    [GeneratedRegex(@"\$\$|\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<arg>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
