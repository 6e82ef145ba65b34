using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Cli;

/// <summary>The same data-annotation ranges the REST API enforces, for options given on the command line.</summary>
public static class OptionsValidation
{
    public static void ThrowIfInvalid(object options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new CliUsageException(string.Join(" ", results.Select(r => r.ErrorMessage)));
    }
}
