using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResNetService.Training.Hyperparameters;

/// <summary>
/// The training options a request sets, laid over the defaults of its kind of run: any subset of
/// <see cref="TrainingOptions"/>' fields by their JSON names, and in JSON that object itself. Every field left out
/// takes its default from <see cref="TrainingDefaults"/> in <see cref="Resolve"/>, the one place that tells the fields
/// a request set from those it left out.
/// </summary>
[JsonConverter(typeof(TrainingRequestJsonConverter))]
public sealed class TrainingRequest(JsonObject fields)
{
    public static TrainingRequest None => new([]);

    /// <summary>The fields as the request gives them.</summary>
    public JsonObject Fields { get; } = fields;

    /// <param name="fineTuning">The run starts from a trained model, so the fine-tuning defaults apply.</param>
    /// <param name="json">How the fields are named and written (case, enums): the API's own settings.</param>
    /// <exception cref="JsonException">A field's value is not of the field's type.</exception>
    public TrainingOptions Resolve(bool fineTuning, JsonSerializerOptions json)
    {
        var options = JsonSerializer.SerializeToNode(TrainingDefaults.For(fineTuning), json)!.AsObject();
        var comparison = json.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (name, value) in Fields)
        {
            var field = options.Select(option => option.Key).FirstOrDefault(key => string.Equals(key, name, comparison)) ?? name;
            options[field] = value?.DeepClone();
        }
        return options.Deserialize<TrainingOptions>(json) ?? throw new JsonException("The training options are null.");
    }
}
