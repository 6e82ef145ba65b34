using System.Globalization;

namespace ResNetService.Api.Cli;

/// <summary><c>--name value</c> options and <c>--flag</c> switches after a verb; every read names the option in its error.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || list[i].Length == 2)
                throw new CliUsageException($"Unexpected argument '{list[i]}'; options look like --name value.");
            var name = list[i][2..];
            var value = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : null;
            _options[name] = value;
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var value))
            return false;
        return value is null || Parse(name, value, bool.Parse);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var value)
            ? value ?? throw new CliUsageException($"--{name} needs a value.")
            : null;
    }

    public string RequiredString(string name) => String(name) ?? throw new CliUsageException($"--{name} is required.");

    public int? Int(string name) => String(name) is { } value ? Parse(name, value, v => int.Parse(v, CultureInfo.InvariantCulture)) : null;

    public double? Double(string name) => String(name) is { } value ? Parse(name, value, v => double.Parse(v, CultureInfo.InvariantCulture)) : null;

    public bool? Bool(string name) => String(name) is { } value ? Parse(name, value, bool.Parse) : null;

    public int[]? IntList(string name) =>
        String(name) is { } value ? Parse(name, value, v => v.Split(',').Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray()) : null;

    /// <summary>A shape such as <c>3x224x224</c>: channels, height, width.</summary>
    public (int Channels, int Height, int Width)? Shape(string name)
    {
        if (String(name) is not { } value)
            return null;
        var parts = Parse(name, value, v => v.Split('x', 'X').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray());
        return parts.Length == 3
            ? (parts[0], parts[1], parts[2])
            : throw new CliUsageException($"--{name} takes channels x height x width, such as 3x224x224; got '{value}'.");
    }

    /// <summary>Refuses options the verb never read, so a typo is not silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new CliUsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }

    private static T Parse<T>(string name, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (FormatException)
        {
            throw new CliUsageException($"--{name} cannot take '{value}'.");
        }
        catch (OverflowException)
        {
            throw new CliUsageException($"--{name} is out of range: '{value}'.");
        }
    }
}
