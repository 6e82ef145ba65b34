using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Data.Decoding;

/// <summary>Converts one CHW sample (or a region of it) to another channel count and size.</summary>
internal static class ChwConversion
{
    /// <param name="region">The part of the sample to convert, in its coordinates; null: all of it.</param>
    public static void Convert(ReadOnlySpan<byte> source, ImageShape sourceShape, int channels, int height, int width, Span<byte> destination,
        Rectangle? region = null)
    {
        ChwWriter.EnsureTarget(channels, height, width, destination.Length);
        if (region == new Rectangle(0, 0, sourceShape.Width, sourceShape.Height))
        {
            region = null;
        }

        if (region is null && sourceShape == new ImageShape(channels, height, width))
        {
            source.CopyTo(destination);
            return;
        }

        if (sourceShape.Channels == 1)
        {
            using var gray = Image.LoadPixelData<L8>(DecodingConfiguration.Instance, source, sourceShape.Width, sourceShape.Height);
            WriteAs(gray, region, channels, height, width, destination);
        }
        else
        {
            using var rgb = ToRgbImage(source, sourceShape);
            WriteAs(rgb, region, channels, height, width, destination);
        }
    }

    private static void WriteAs<TPixel>(Image<TPixel> image, Rectangle? region, int channels, int height, int width, Span<byte> destination)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        if (channels == 1)
        {
            using var gray = image.CloneAs<L8>();
            ChwWriter.Write(gray, region, height, width, destination);
        }
        else
        {
            using var rgb = image.CloneAs<Rgb24>();
            ChwWriter.Write(rgb, region, height, width, destination);
        }
    }

    internal static Image<Rgb24> ToRgbImage(ReadOnlySpan<byte> chw, ImageShape shape)
    {
        var planeSize = shape.Height * shape.Width;
        var interleaved = new Rgb24[planeSize];
        for (var i = 0; i < planeSize; i++)
        {
            interleaved[i] = new Rgb24(chw[i], chw[planeSize + i], chw[2 * planeSize + i]);
        }

        return Image.LoadPixelData<Rgb24>(DecodingConfiguration.Instance, interleaved, shape.Width, shape.Height);
    }
}
