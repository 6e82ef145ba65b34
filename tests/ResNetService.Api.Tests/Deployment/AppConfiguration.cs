using System.Reflection;
using System.Text.Json;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>
/// The configuration keys the app reads, taken from the app itself rather than from a list kept here:
/// every options class (a type with a <c>const string Section</c>) contributes <c>Section:Property</c> for each settable
/// property; <c>const string ConnectionStringName</c> contributes <c>ConnectionStrings:Name</c>; <c>const string ConfigKey</c>
/// a top-level key (the role); and every key in src/Api/appsettings.json is one the app ships a value for.
/// </summary>
internal static class AppConfiguration
{
    /// <summary>Settings read by the ASP.NET Core host or the container runtime rather than by the app's own code.</summary>
    public static readonly IReadOnlySet<string> HostVariables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_TEMP", "DOTNET_ENVIRONMENT",
        "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES",
    };

    private static readonly Lazy<IReadOnlySet<string>> KnownKeys = new(ReadKeys);

    public static Assembly App => typeof(Program).Assembly;

    public static IReadOnlySet<string> Keys => KnownKeys.Value;

    /// <summary>The configuration key an environment variable sets: <c>__</c> separates sections.</summary>
    public static string KeyOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    public static bool Reads(string environmentVariable) =>
        HostVariables.Contains(environmentVariable) || Keys.Contains(KeyOf(environmentVariable));

    private static IReadOnlySet<string> ReadKeys()
    {
        // Configuration keys are case-insensitive.
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in App.GetTypes())
        {
            if (Constant(type, "Section") is { } section)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.SetMethod is { IsPublic: true })
                        keys.Add($"{section}:{property.Name}");
                }
            }
            if (Constant(type, "ConnectionStringName") is { } connectionString)
                keys.Add($"ConnectionStrings:{connectionString}");
            if (Constant(type, "ConfigKey") is { } topLevel)
                keys.Add(topLevel);
        }

        var appSettings = Path.Combine(Repository.Root, "src", "Api", "appsettings.json");
        if (File.Exists(appSettings))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(appSettings));
            AddJsonKeys(document.RootElement, null, keys);
        }
        return keys;
    }

    private static string? Constant(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true, FieldType: var fieldType } field && fieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static void AddJsonKeys(JsonElement element, string? prefix, HashSet<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (prefix is not null)
                keys.Add(prefix);
            return;
        }
        foreach (var property in element.EnumerateObject())
            AddJsonKeys(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", keys);
    }
}
