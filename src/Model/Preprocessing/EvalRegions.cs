using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;

namespace ResNetService.Model.Preprocessing;

public static class EvalRegions
{
    /// <summary>The region of a whole image the described model takes outside training; null: all of it.</summary>
    public static IImageRegion? Of(ModelDescription description) => For(description.EvalTransform, description.Architecture.Input);

    /// <summary>The region <paramref name="transform"/> takes of an image; null for squash, which keeps the decoder's original (whole-image) path.</summary>
    public static IImageRegion? For(EvalTransform transform, ImageShape input) =>
        transform == EvalTransform.CenterCrop ? new CenterCrop(input) : null;
}
