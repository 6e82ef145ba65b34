using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Data;

/// <summary>The samples of one split, decoded on demand.</summary>
public interface IImageSource
{
    int Count { get; }

    int LabelAt(int index);

    /// <summary>File name, or "file#record" for record-based formats; used in error messages.</summary>
    string NameOf(int index);

    /// <summary>
    /// Decodes sample <paramref name="index"/> into <paramref name="destination"/> (length channels*height*width)
    /// as CHW bytes, converted to <paramref name="channels"/> (1 = luminance, 3 = RGB) and resized to height×width.
    /// </summary>
    /// <exception cref="DatasetException">The sample cannot be decoded.</exception>
    void ReadInto(int index, int channels, int height, int width, Span<byte> destination);

    /// <summary>
    /// Decodes the part of sample <paramref name="index"/> that <paramref name="region"/> chooses in the sample's
    /// original coordinates, resized once to <paramref name="shape"/>.
    /// </summary>
    /// <returns>The sample's original size, the frame the region was chosen in.</returns>
    /// <exception cref="DatasetException">The sample cannot be decoded.</exception>
    Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination);

    /// <summary>
    /// The samples at <paramref name="indices"/>, in that order, to be kept after this source is dropped: a source that
    /// holds every sample in memory copies out only these.
    /// </summary>
    IImageSource Keep(IReadOnlyList<int> indices) => new SubsetImageSource(this, indices);
}
