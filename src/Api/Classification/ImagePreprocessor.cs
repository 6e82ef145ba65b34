using ResNetService.Model.Checkpoints;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Api.Classification;

/// <summary>
/// Turns an uploaded image into the network's input exactly as training does: converted to the model's channel
/// count (luminance or RGB), resized to its height and width with the triangle filter, scaled to [0, 1] and
/// normalised with the mean and std stored in the checkpoint. The header is checked before any pixel is decoded.
/// </summary>
public static class ImagePreprocessor
{
    /// <returns>C×H×W floats.</returns>
    /// <exception cref="ImageRejectedException">Not an accepted image, too many pixels, or damaged.</exception>
    public static float[] Prepare(Stream content, string fileName, ModelDescription description, long maxPixels)
    {
        var a = description.Architecture;
        if (a.InputChannels is not (1 or 3))
            throw new ImageRejectedException(StatusCodes.Status409Conflict, "Model does not take images",
                $"The model takes {a.InputChannels}-channel input; images have 1 (grayscale) or 3 (RGB).");
        try
        {
            var info = Image.Identify(ClassificationDecoding.Configuration, content)
                ?? throw new ImageRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported image",
                    $"'{fileName}' is not a JPEG, PNG, BMP, GIF or WebP image.");
            if ((long)info.Width * info.Height > maxPixels)
                throw new ImageRejectedException(StatusCodes.Status400BadRequest, "Image too large",
                    $"'{fileName}' claims {info.Width}x{info.Height} pixels, more than the {maxPixels} allowed.");
            content.Position = 0;
            var output = new float[a.InputChannels * a.InputHeight * a.InputWidth];
            if (a.InputChannels == 1)
            {
                using var gray = Load<L8>(content, a.InputHeight, a.InputWidth);
                Normalize(gray, description.Normalization, output, (pixel, _) => pixel.PackedValue);
            }
            else
            {
                using var rgb = Load<Rgb24>(content, a.InputHeight, a.InputWidth);
                Normalize(rgb, description.Normalization, output, (pixel, channel) => channel switch { 0 => pixel.R, 1 => pixel.G, _ => pixel.B });
            }
            return output;
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or EndOfStreamException)
        {
            throw new ImageRejectedException(StatusCodes.Status400BadRequest, "Image cannot be decoded", $"'{fileName}' is damaged or truncated: {e.Message}");
        }
    }

    private static Image<TPixel> Load<TPixel>(Stream content, int height, int width) where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = Image.Load<TPixel>(ClassificationDecoding.Configuration, content);
        if (image.Height != height || image.Width != width)
            image.Mutate(context => context.Resize(width, height, KnownResamplers.Triangle));
        return image;
    }

    private static void Normalize<TPixel>(Image<TPixel> image, InputNormalization normalization, float[] output, Func<TPixel, int, byte> channelValue)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var channels = normalization.Mean.Count;
        var plane = image.Height * image.Width;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    for (var c = 0; c < channels; c++)
                        output[c * plane + y * row.Length + x] = (channelValue(row[x], c) / 255f - normalization.Mean[c]) / normalization.Std[c];
            }
        });
    }
}
