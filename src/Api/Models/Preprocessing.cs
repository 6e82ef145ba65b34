using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Api.Models;

/// <summary>What is done to an image before the network sees it outside training (evaluation, classification, explain).</summary>
/// <param name="EvalTransform">squash (the whole image) or centerCrop (the centred window at input / 0.875).</param>
public sealed record Preprocessing(int Channels, int Height, int Width, string EvalTransform, string Resize, string Scale, IReadOnlyList<float> Mean,
    IReadOnlyList<float> Std)
{
    public static Preprocessing Of(ModelDescription description) => new(
        description.Architecture.InputChannels,
        description.Architecture.InputHeight,
        description.Architecture.InputWidth,
        EvalTransformText.Name(description.EvalTransform),
        EvalTransformText.Resize(description.EvalTransform, description.Architecture.Input),
        "pixel / 255, then (value - mean) / std per channel",
        description.Normalization.Mean,
        description.Normalization.Std);
}
