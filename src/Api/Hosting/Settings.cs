using Microsoft.Extensions.Options;

namespace ResNetService.Api.Hosting;

/// <summary>
/// The service's settings, bound and checked at start-up. Every mistake in them, a value of the wrong type as much as
/// one out of range, is an <see cref="OptionsValidationException"/> whose failures are each one line for the operator
/// (the command line prints them and exits with 1).
/// </summary>
public static class Settings
{
    /// <summary>The section bound to <typeparamref name="T"/>, validated when the host starts (and before, see <see cref="ServiceApplication"/>).</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidation<T>(section));
        return services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration.GetSection(section), options))
            .ValidateOnStart();
    }

    /// <summary>Binds a section, turning a value the binder cannot convert into an invalid setting.</summary>
    public static void Bind<T>(IConfigurationSection section, T options) where T : class
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException)
        {
            // The binder's message names the key but not as the environment writes it: find the value it could not convert.
            foreach (var property in typeof(T).GetProperties())
                Value(section, property.Name, property.PropertyType);
            throw;
        }
    }

    /// <summary>One setting read on its own, such as <c>Logging:Json</c>.</summary>
    public static T? Value<T>(IConfiguration configuration, string key) => Value(configuration, key, typeof(T)) is T value ? value : default;

    private static object? Value(IConfiguration configuration, string key, Type type)
    {
        try
        {
            return configuration.GetValue(type, key);
        }
        catch (InvalidOperationException)
        {
            var path = configuration is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, key) : key;
            throw Invalid(path, type, $"Invalid setting {Name(path)} = '{configuration[key]}': it takes {Kind(type)}.");
        }
    }

    private static string Kind(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number such as 0.5",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(TimeSpan) => "a duration such as 00:05:00",
        { IsEnum: true } t => "one of " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant())),
        var t => $"a {t.Name}",
    };

    public static OptionsValidationException Invalid(string key, Type type, string line) => new(key, type, [line]);

    /// <summary>A key as configuration files and the command line write it, and as an environment variable.</summary>
    public static string Name(string key) => $"{key} ({key.Replace(":", "__", StringComparison.Ordinal)})";

    /// <summary>The one-line failures of an invalid configuration, however the host reported them.</summary>
    public static IReadOnlyList<string>? Failures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
            many.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).ToList(),
        _ => null,
    };
}
