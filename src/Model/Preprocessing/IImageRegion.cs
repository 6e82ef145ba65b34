using SixLabors.ImageSharp;

namespace ResNetService.Model.Preprocessing;

/// <summary>
/// The part of an image, in the original's pixel coordinates, that is resized (once) to the network's input: chosen
/// before any resize, so a small crop keeps the detail the original has.
/// </summary>
public interface IImageRegion
{
    /// <param name="random">The sample's own generator, for random regions; fixed regions ignore it.</param>
    Rectangle Choose(Size original, Random random);
}
