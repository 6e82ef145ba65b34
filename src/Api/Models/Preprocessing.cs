using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Models;

/// <summary>What is done to an image before the network sees it, identical in training and classification.</summary>
public sealed record Preprocessing(int Channels, int Height, int Width, string Resize, string Scale, IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    public static Preprocessing Of(ModelDescription description) => new(
        description.Architecture.InputChannels,
        description.Architecture.InputHeight,
        description.Architecture.InputWidth,
        "bilinear (triangle filter) to height x width",
        "pixel / 255, then (value - mean) / std per channel",
        description.Normalization.Mean,
        description.Normalization.Std);
}
