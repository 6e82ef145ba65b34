using System.Globalization;
using System.Text.Json;
using ResNetService.Model.Import;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Api.Models;

/// <summary>
/// The text fields of an import, as a form or the command line gives them: the format name, the class names, the
/// per-channel numbers and the architecture as JSON. Each field that cannot be read adds its error.
/// </summary>
public static class ImportFields
{
    public static IReadOnlyList<string> FormatNames { get; } = Enum.GetNames<WeightsFormat>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The format given, else the one the file name's extension suggests.</summary>
    public static WeightsFormat? Format(string? format, string? fileName, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            if (Enum.TryParse<WeightsFormat>(format.Trim(), ignoreCase: true, out var given) && Enum.IsDefined(given))
                return given;
            errors["format"] = [$"Unknown format '{format}'; use one of: {string.Join(", ", FormatNames)}."];
            return null;
        }
        if (fileName is not null && WeightsFormats.FromFileName(fileName) is { } suggested)
            return suggested;
        errors["format"] = [$"The file name '{fileName}' does not tell the format; give format, one of: {string.Join(", ", FormatNames)}."];
        return null;
    }

    /// <summary>Comma-separated names, or a JSON array of strings (for names with commas).</summary>
    public static IReadOnlyList<string>? Classes(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.TrimStart().StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(text) ?? [];
            }
            catch (JsonException e)
            {
                errors["classes"] = [$"The classes are not a JSON array of names: {e.Message}"];
                return null;
            }
        }
        return text.Split(',', StringSplitOptions.TrimEntries);
    }

    /// <summary>Comma-separated numbers in the invariant culture, such as 0.485,0.456,0.406.</summary>
    public static IReadOnlyList<float>? Numbers(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                errors[field] = [$"{field} takes comma-separated numbers such as 0.5,0.5,0.5; '{parts[i]}' is not one."];
                return null;
            }
        }
        return values;
    }

    /// <summary>squash or centerCrop (any case); null when not given.</summary>
    public static EvalTransform? EvalTransform(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (Enum.TryParse<EvalTransform>(text.Trim(), ignoreCase: true, out var transform) && Enum.IsDefined(transform))
            return transform;
        errors["evalTransform"] = [$"Unknown eval transform '{text}'; use squash or centerCrop."];
        return null;
    }

    /// <summary>The architecture as a JSON object, e.g. {"depth": 20, "inputChannels": 3, "inputSize": 32}.</summary>
    public static ImportNetwork? Architecture(string? json, JsonSerializerOptions options, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<ImportNetwork>(json, options)
                ?? throw new JsonException("it is null.");
        }
        catch (JsonException e)
        {
            errors["architecture"] = [$"The architecture is not a JSON object such as {{\"depth\": 20, \"inputChannels\": 3, \"inputSize\": 32}}: {e.Message}"];
            return null;
        }
    }
}
