using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResNetService.Api.Storage;

/// <summary>The JSON settings of the values the records database keeps as JSON: the same camelCase and string enums as the API.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Compact { get; } = Create();

    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
