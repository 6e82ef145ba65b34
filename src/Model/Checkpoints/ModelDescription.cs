using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Model.Checkpoints;

/// <summary>Everything besides the weights that is needed to use a trained network.</summary>
/// <param name="EvalTransform">How a whole image becomes the input outside training; descriptions written before it existed squash.</param>
public sealed record ModelDescription(ResNetConfig Architecture, IReadOnlyList<string> Classes, InputNormalization Normalization,
    EvalTransform EvalTransform = EvalTransform.Squash)
{
    /// <summary>The region of a whole image the model takes outside training; null: all of it.</summary>
    public IImageRegion? EvalRegion() => EvalRegions.For(EvalTransform, Architecture.Input);
}
