using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Data.Decoding;

/// <summary>What an image file's header says, read without decoding its pixels.</summary>
internal sealed record ImageHeader(int Width, int Height, bool IsColour)
{
    /// <returns>The header, or null with <paramref name="problem"/> describing why the file is unusable.</returns>
    public static ImageHeader? TryRead(string path, long maxPixels, out string? problem)
    {
        try
        {
            using var content = File.OpenRead(path);
            return TryRead(content, maxPixels, out problem);
        }
        catch (Exception exception) when (ImageDecoder.IsDecodingFailure(exception))
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <inheritdoc cref="TryRead(string, long, out string?)"/>
    public static ImageHeader? TryRead(Stream content, long maxPixels, out string? problem)
    {
        try
        {
            var info = Image.Identify(DecodingConfiguration.Instance, content, out var format);
            if (info is null)
            {
                problem = "not a JPEG, PNG, BMP, GIF or WebP image";
                return null;
            }

            if ((long)info.Width * info.Height > maxPixels)
            {
                problem = $"header claims {info.Width}×{info.Height} pixels, more than the {maxPixels} allowed";
                return null;
            }

            problem = null;
            return new ImageHeader(info.Width, info.Height, HeaderSaysColour(info, format));
        }
        catch (Exception exception) when (ImageDecoder.IsDecodingFailure(exception))
        {
            problem = exception.Message;
            return null;
        }
    }

    // Only PNG and JPEG headers say reliably that an image is grayscale; anything else is treated as colour,
    // which loses nothing.
    private static bool HeaderSaysColour(IImageInfo info, IImageFormat format) => format switch
    {
        PngFormat => info.Metadata.GetPngMetadata().ColorType is not (PngColorType.Grayscale or PngColorType.GrayscaleWithAlpha),
        JpegFormat => info.Metadata.GetJpegMetadata().ColorType is not JpegColorType.Luminance && info.PixelType.BitsPerPixel != 8,
        _ => true,
    };
}
