using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResNetService.Training.Hyperparameters;

/// <summary>Reads a <see cref="TrainingRequest"/> as the JSON object it is, refusing it when a field has the wrong type.</summary>
public sealed class TrainingRequestJsonConverter : JsonConverter<TrainingRequest>
{
    public override TrainingRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject fields)
            throw new JsonException("The training options must be a JSON object, such as {\"epochs\": 10}.");
        var request = new TrainingRequest(fields);
        request.Resolve(fineTuning: false, options);
        return request;
    }

    public override void Write(Utf8JsonWriter writer, TrainingRequest value, JsonSerializerOptions options) => value.Fields.WriteTo(writer, options);
}
