using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Model.Preprocessing;

/// <summary>
/// Decodes one image straight into CHW bytes at a network's input size: the one decoding path of training and
/// classification, so a served model sees what it was trained on.
/// </summary>
public static class ImageDecoder
{
    public static bool IsDecodingFailure(Exception exception) =>
        exception is ImageFormatException or InvalidMemoryOperationException or IOException or NotSupportedException
            or UnauthorizedAccessException;

    /// <param name="region">The part of the image to resize to the input, in its own coordinates; null: all of it.</param>
    /// <param name="random">The sample's generator, for a random <paramref name="region"/>.</param>
    /// <returns>The size of the image as decoded, before any crop or resize.</returns>
    /// <exception cref="ImageDecodingException">The content is not a decodable image.</exception>
    public static Size DecodeInto(Stream content, string name, int channels, int height, int width, Span<byte> destination,
        IImageRegion? region = null, Random? random = null)
    {
        ChwWriter.EnsureTarget(channels, height, width, destination.Length);
        try
        {
            if (channels == 1)
            {
                using var gray = Image.Load<L8>(DecodingConfiguration.Instance, content);
                var size = gray.Size();
                ChwWriter.Write(gray, region?.Choose(size, random ?? Random.Shared), height, width, destination);
                return size;
            }
            else
            {
                using var rgb = Image.Load<Rgb24>(DecodingConfiguration.Instance, content);
                var size = rgb.Size();
                ChwWriter.Write(rgb, region?.Choose(size, random ?? Random.Shared), height, width, destination);
                return size;
            }
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            throw new ImageDecodingException($"'{name}' cannot be decoded: {exception.Message}", exception);
        }
    }
}
