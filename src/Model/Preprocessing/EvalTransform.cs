using System.Text.Json.Serialization;

namespace ResNetService.Model.Preprocessing;

/// <summary>How a whole image becomes the network's input outside training: evaluation, /classify, explain and ONNX users.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvalTransform>))]
public enum EvalTransform
{
    /// <summary>The whole image resized to the input size, aspect ratio not kept: small images, and models trained before the choice existed.</summary>
    [JsonStringEnumMemberName("squash")] Squash,
    /// <summary>The shorter side resized to input / 0.875, then the centre crop of the input size: the standard for photos.</summary>
    [JsonStringEnumMemberName("centerCrop")] CenterCrop,
}
