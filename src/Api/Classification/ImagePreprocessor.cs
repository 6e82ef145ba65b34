using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;

namespace ResNetService.Api.Classification;

/// <summary>
/// Turns an uploaded image into the bytes training would have made of it, through the shared decoder (same formats,
/// same channel conversion, same evaluation crop and resize) and the loaded checkpoint's own description. The header is checked before
/// any pixel is decoded, which stops decompression bombs. Normalisation happens on the inference thread.
/// </summary>
public sealed class ImagePreprocessor(ServingTelemetry telemetry)
{
    /// <returns>C×H×W bytes at the model's input size.</returns>
    /// <exception cref="ImageRejectedException">Not an accepted image, too many pixels, or damaged.</exception>
    public byte[] Prepare(Stream content, string fileName, ModelDescription description, long maxPixels)
    {
        var a = description.Architecture;
        if (a.InputChannels is not (1 or 3))
            throw Refused("not-an-image-model", StatusCodes.Status409Conflict, "Model does not take images",
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
            throw Refused("unsupported", StatusCodes.Status415UnsupportedMediaType, "Unsupported image",
                $"'{fileName}' is not a JPEG, PNG, BMP, GIF or WebP image.");
        if ((long)info.Width * info.Height > maxPixels)
            throw Refused("too-large", StatusCodes.Status413PayloadTooLarge, "Image too large",
                $"'{fileName}' claims {info.Width}x{info.Height} pixels, more than the {maxPixels} allowed.");

        content.Position = 0;
        var pixels = new byte[a.InputChannels * a.InputHeight * a.InputWidth];
        try
        {
            ImageDecoder.DecodeInto(content, fileName, a.InputChannels, a.InputHeight, a.InputWidth, pixels, description.EvalRegion());
        }
        catch (ImageDecodingException e)
        {
            throw Damaged(fileName, e.Message);
        }
        return pixels;
    }

    private ImageRejectedException Damaged(string fileName, string problem) =>
        Refused("damaged", StatusCodes.Status400BadRequest, "Image cannot be decoded", $"'{fileName}' is damaged or truncated: {problem}");

    private ImageRejectedException Refused(string reason, int status, string title, string detail)
    {
        telemetry.ImagesRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return new ImageRejectedException(status, title, detail);
    }
}
