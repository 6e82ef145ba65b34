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

    /// <exception cref="ImageDecodingException">The content is not a decodable image.</exception>
    public static void DecodeInto(Stream content, string name, int channels, int height, int width, Span<byte> destination)
    {
        ChwWriter.EnsureTarget(channels, height, width, destination.Length);
        try
        {
            if (channels == 1)
            {
                using var gray = Image.Load<L8>(DecodingConfiguration.Instance, content);
                ChwWriter.Write(gray, height, width, destination);
            }
            else
            {
                using var rgb = Image.Load<Rgb24>(DecodingConfiguration.Instance, content);
                ChwWriter.Write(rgb, height, width, destination);
            }
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            throw new ImageDecodingException($"'{name}' cannot be decoded: {exception.Message}", exception);
        }
    }
}
