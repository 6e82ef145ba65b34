using SixLabors.ImageSharp;

namespace ResNetService.Model.Preprocessing;

/// <summary>All of the image: resizing it to the input squashes it when the aspect ratios differ.</summary>
public sealed class WholeImage : IImageRegion
{
    public static WholeImage Instance { get; } = new();

    public Rectangle Choose(Size original, Random random) => new(Point.Empty, original);
}
