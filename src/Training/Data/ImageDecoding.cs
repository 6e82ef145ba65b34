using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Data;

/// <summary>Decodes a dataset's image file into CHW bytes through the shared <see cref="ImageDecoder"/>.</summary>
public static class ImageDecoding
{
    /// <exception cref="DatasetException">The file cannot be read or is not a decodable image.</exception>
    public static void DecodeInto(string path, string name, int channels, int height, int width, Span<byte> destination)
    {
        try
        {
            using var content = File.OpenRead(path);
            ImageDecoder.DecodeInto(content, name, channels, height, width, destination);
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
