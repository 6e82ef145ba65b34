using System.CommandLine.Parsing;
using System.Globalization;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>
/// Values as the command line writes them, in the invariant culture (0.1 is a tenth on every machine): numbers,
/// comma-separated lists and shapes. A bad value is a parse error that names its option and what it takes.
/// </summary>
internal static class CliValueParsers
{
    public static int Int(ArgumentResult result, int minimum = int.MinValue)
    {
        var text = result.Tokens.Single().Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            result.AddError($"{OptionName(result)} takes a whole number, not '{text}'.");
        else if (value < minimum)
            result.AddError($"{OptionName(result)} must be at least {minimum}; got {value}.");
        return value;
    }

    public static double Double(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            result.AddError($"{OptionName(result)} takes a number such as 0.1 or 1e-4, not '{text}'.");
        return value;
    }

    public static int[]? IntList(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var values = Ints(text.Split(',', StringSplitOptions.TrimEntries));
        if (values is null)
            result.AddError($"{OptionName(result)} takes comma-separated whole numbers such as 3,4,6,3; got '{text}'.");
        return values;
    }

    public static ImageShape? Shape(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Ints(text.Split('x', 'X')) is [var channels, var height, var width])
            return new ImageShape(channels, height, width);
        result.AddError($"{OptionName(result)} takes channels x height x width, such as 3x224x224; got '{text}'.");
        return null;
    }

    private static int[]? Ints(string[] parts)
    {
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                return null;
        }
        return values;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "The value";
}
