using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Data;

/// <summary>Decodes one image straight into CHW bytes: the one decoding path of training and classification.</summary>
public static class ImageDecoding
{
    internal static bool IsDecodingFailure(Exception exception) =>
        exception is ImageFormatException or InvalidMemoryOperationException or IOException or NotSupportedException
            or UnauthorizedAccessException;

    public static void DecodeInto(string path, string name, int channels, int height, int width, Span<byte> destination)
    {
        FileStream content;
        try
        {
            content = File.OpenRead(path);
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            throw new DatasetException($"'{name}' cannot be read: {exception.Message}", exception);
        }

        using (content)
        {
            DecodeInto(content, name, channels, height, width, destination);
        }
    }

    /// <exception cref="DatasetException">The content is not a decodable image.</exception>
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
            throw new DatasetException($"'{name}' cannot be decoded: {exception.Message}", exception);
        }
    }
}
