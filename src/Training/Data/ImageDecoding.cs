using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Data;

/// <summary>Decodes one image file straight into CHW bytes.</summary>
internal static class ImageDecoding
{
    public static bool IsDecodingFailure(Exception exception) =>
        exception is ImageFormatException or InvalidMemoryOperationException or IOException or NotSupportedException
            or UnauthorizedAccessException;

    public static void DecodeInto(string path, string name, int channels, int height, int width, Span<byte> destination)
    {
        ChwWriter.EnsureTarget(channels, height, width, destination.Length);
        try
        {
            if (channels == 1)
            {
                using var gray = Image.Load<L8>(DecodingConfiguration.Instance, path);
                ChwWriter.Write(gray, height, width, destination);
            }
            else
            {
                using var rgb = Image.Load<Rgb24>(DecodingConfiguration.Instance, path);
                ChwWriter.Write(rgb, height, width, destination);
            }
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            throw new DatasetException($"'{name}' cannot be decoded: {exception.Message}", exception);
        }
    }
}
