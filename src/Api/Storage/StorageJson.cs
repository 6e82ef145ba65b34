using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResNetService.Api.Storage;

/// <summary>The JSON settings of the documents in the data root: the same camelCase and string enums as the API.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Configure(options);
        return options;
    }
}
