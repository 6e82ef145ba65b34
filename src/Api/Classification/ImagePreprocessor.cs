using ResNetService.Model.Checkpoints;
using ResNetService.Training.Data;
using SixLabors.ImageSharp;

namespace ResNetService.Api.Classification;

/// <summary>
/// Turns an uploaded image into the bytes training would have made of it, through the training's own decoder
/// (same formats, same channel conversion, same resize). The header is checked before any pixel is decoded, which
/// stops decompression bombs. Normalisation happens on the inference thread, with the training's arithmetic.
/// </summary>
public static class ImagePreprocessor
{
    /// <returns>C×H×W bytes at the model's input size.</returns>
    /// <exception cref="ImageRejectedException">Not an accepted image, too many pixels, or damaged.</exception>
    public static byte[] Prepare(Stream content, string fileName, ModelDescription description, long maxPixels)
    {
        var a = description.Architecture;
        if (a.InputChannels is not (1 or 3))
            throw new ImageRejectedException(StatusCodes.Status409Conflict, "Model does not take images",
                $"The model takes {a.InputChannels}-channel input; images have 1 (grayscale) or 3 (RGB).");
        IImageInfo? info;
        try
        {
            info = Image.Identify(DecodingConfiguration.Instance, content);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or EndOfStreamException)
        {
            throw Damaged(fileName, e.Message);
        }
        if (info is null)
            throw new ImageRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported image",
                $"'{fileName}' is not a JPEG, PNG, BMP, GIF or WebP image.");
        if ((long)info.Width * info.Height > maxPixels)
            throw new ImageRejectedException(StatusCodes.Status413PayloadTooLarge, "Image too large",
                $"'{fileName}' claims {info.Width}x{info.Height} pixels, more than the {maxPixels} allowed.");

        content.Position = 0;
        var pixels = new byte[a.InputChannels * a.InputHeight * a.InputWidth];
        try
        {
            ImageDecoding.DecodeInto(content, fileName, a.InputChannels, a.InputHeight, a.InputWidth, pixels);
        }
        catch (DatasetException e)
        {
            throw Damaged(fileName, e.Message);
        }
        return pixels;
    }

    private static ImageRejectedException Damaged(string fileName, string problem) =>
        new(StatusCodes.Status400BadRequest, "Image cannot be decoded", $"'{fileName}' is damaged or truncated: {problem}");
}
