using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Data.Decoding;

/// <summary>Decodes a dataset's image file into CHW bytes through the shared <see cref="ImageDecoder"/>.</summary>
public static class ImageDecoding
{
    /// <returns>The image's size as decoded.</returns>
    /// <exception cref="DatasetException">The file cannot be read or is not a decodable image.</exception>
    public static Size DecodeInto(string path, string name, int channels, int height, int width, Span<byte> destination,
        IImageRegion? region = null, Random? random = null)
    {
        try
        {
            using var content = File.OpenRead(path);
            return ImageDecoder.DecodeInto(content, name, channels, height, width, destination, region, random);
        }
        catch (ImageDecodingException exception)
        {
            throw new DatasetException(exception.Message, exception.InnerException ?? exception);
        }
        catch (Exception exception) when (ImageDecoder.IsDecodingFailure(exception))
        {
            throw new DatasetException($"'{name}' cannot be read: {exception.Message}", exception);
        }
    }
}
