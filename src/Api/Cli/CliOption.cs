using System.CommandLine;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>Options as every verb declares them: the value's type as its help name, and the default the help shows.</summary>
internal static class CliOption
{
    public static Option<T> Of<T>(string name, string type, string description, params string[] aliases)
    {
        var option = new Option<T>(name, aliases) { HelpName = type, Description = description };
        var valueType = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (valueType == typeof(int))
            option.CustomParser = result => (T)(object)CliValueParsers.Int(result);
        else if (valueType == typeof(double))
            option.CustomParser = result => (T)(object)CliValueParsers.Double(result);
        return option;
    }

    public static Option<T> Of<T>(string name, string type, T defaultValue, string description, params string[] aliases)
    {
        var option = Of<T>(name, type, description, aliases);
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>A count with a lower bound, checked while parsing.</summary>
    public static Option<int> Count(string name, int defaultValue, int minimum, string description, params string[] aliases)
    {
        var option = Of(name, "int", defaultValue, description, aliases);
        option.CustomParser = result => CliValueParsers.Int(result, minimum);
        return option;
    }

    /// <summary>A switch: present means true (<c>--name false</c> also works).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<int[]?> IntList(string name, string description, params string[] aliases) => new(name, aliases)
    {
        HelpName = "int,int,...",
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = CliValueParsers.IntList,
    };

    /// <summary>A list option's value, null when it was not given (the parser's own answer then is an empty list).</summary>
    public static int[]? GetList(this ParseResult result, Option<int[]?> option) =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option) : null;

    /// <summary>An input shape, channels x height x width.</summary>
    public static Option<ImageShape?> Shape(string name, string description, ImageShape? defaultValue = null)
    {
        var option = new Option<ImageShape?>(name)
        {
            HelpName = "CxHxW",
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = CliValueParsers.Shape,
        };
        if (defaultValue is not null)
            option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    public static Option<string> Device(string description)
    {
        var option = Of<string>("--device", "auto|cpu|cuda|cuda:N", "auto", description);
        option.Validators.Add(DeviceValidation.Check);
        return option;
    }
}
