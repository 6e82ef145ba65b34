using System.Text.Json;

namespace ResNetService.Model.Checkpoints;

/// <summary>The JSON settings of every document inside a checkpoint.</summary>
public static class CheckpointJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
