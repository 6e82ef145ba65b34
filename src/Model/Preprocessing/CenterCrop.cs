using ResNetService.Model.Architecture;
using SixLabors.ImageSharp;

namespace ResNetService.Model.Preprocessing;

/// <summary>
/// The standard evaluation crop: the image scaled so that it covers input / 0.875 on both axes (the shorter side of a
/// square input), then the centre input-sized window. Expressed in the original's coordinates, it is resized once.
/// </summary>
public sealed class CenterCrop(ImageShape input) : IImageRegion
{
    /// <summary>The share of the resized image's shorter side the crop keeps, as in the ImageNet reference scripts.</summary>
    public const double CropFraction = 0.875;

    public Rectangle Choose(Size original, Random random)
    {
        var scale = Math.Max(input.Height / CropFraction / original.Height, input.Width / CropFraction / original.Width);
        var width = Math.Clamp((int)Math.Round(input.Width / scale), 1, original.Width);
        var height = Math.Clamp((int)Math.Round(input.Height / scale), 1, original.Height);
        return new Rectangle((original.Width - width) / 2, (original.Height - height) / 2, width, height);
    }
}
