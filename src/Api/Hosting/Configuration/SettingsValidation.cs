using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Hosting.Configuration;

/// <summary>
/// Checks a configuration section's data annotations (and <see cref="IValidatableObject"/>) at start-up, and says what is
/// wrong in one line per setting: its key as configuration and the environment write it, the value, and what is allowed.
/// A secret (marked <c>[DataType(DataType.Password)]</c>) is described by its length, never shown.
/// </summary>
public sealed class SettingsValidation<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(result => Describe(options, result)));
    }

    private string Describe(T options, ValidationResult result)
    {
        var property = result.MemberNames.FirstOrDefault() is { } member ? typeof(T).GetProperty(member) : null;
        if (property is null)
            return $"Invalid settings {Settings.Name(section)}: {result.ErrorMessage}";
        return $"Invalid setting {Settings.Name($"{section}:{property.Name}")} = {ValueOf(property, options)}: {result.ErrorMessage}";
    }

    private static string ValueOf(PropertyInfo property, T options) => property.GetValue(options) switch
    {
        null => "(unset)",
        string secret when property.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.Password => $"({secret.Length} characters, not shown)",
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => $"'{value}'",
    };
}
