using ResNetService.Model.Architecture;

namespace ResNetService.Model.Checkpoints;

/// <summary>Everything besides the weights that is needed to use a trained network.</summary>
public sealed record ModelDescription(ResNetConfig Architecture, IReadOnlyList<string> Classes, InputNormalization Normalization);
