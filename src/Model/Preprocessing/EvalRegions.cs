using ResNetService.Model.Architecture;

namespace ResNetService.Model.Preprocessing;

public static class EvalRegions
{
    /// <summary>The region <paramref name="transform"/> takes of an image; null for squash, which keeps the decoder's original (whole-image) path.</summary>
    public static IImageRegion? For(EvalTransform transform, ImageShape input) =>
        transform == EvalTransform.CenterCrop ? new CenterCrop(input) : null;
}
