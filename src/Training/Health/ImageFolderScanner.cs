using System.Security.Cryptography;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Decoding;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Data.Sources;

namespace ResNetService.Training.Health;

/// <summary>An image-folder dataset's files, every one of them, including those training would skip.</summary>
internal sealed class ImageFolderScanner : IHealthScanner
{
    private readonly ImageFile[] _files;
    private readonly long _maxPixels;

    public ImageFolderScanner(string root, long maxPixels)
    {
        var layout = ImageFolderLayout.Discover(root);
        var splits = SplitOrder.Of(layout.Splits.Keys).Select(split => (Split: split, Files: layout.Splits[split])).ToArray();
        _files = [.. splits.SelectMany(split => split.Files)];
        Samples = [.. splits.SelectMany(split => split.Files.Select((file, index) => new HealthSample(split.Split, file.Label, file.Name, index)))];
        Classes = layout.Classes;
        _maxPixels = maxPixels;
    }

    public string Format => DatasetFormats.ImageFolder;

    public IReadOnlyList<string> Classes { get; }

    public IReadOnlyList<HealthSample> Samples { get; }

    public SampleFacts Scan(int index)
    {
        var file = _files[index];
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file.Path);
        }
        catch (Exception exception) when (ImageDecoder.IsDecodingFailure(exception))
        {
            return SampleFacts.Unreadable($"cannot be read: {exception.Message}");
        }

        using var stream = new MemoryStream(content, writable: false);
        var header = ImageHeader.TryRead(stream, _maxPixels, out var problem);
        if (header is null)
            return SampleFacts.Unreadable(problem ?? "not an image");

        stream.Position = 0;
        var thumbnail = new byte[Thumbnail.ByteCount];
        try
        {
            ImageDecoder.DecodeInto(stream, file.Name, 3, Thumbnail.Height, Thumbnail.Width, thumbnail);
        }
        catch (ImageDecodingException exception)
        {
            return SampleFacts.Unreadable(exception.InnerException?.Message ?? exception.Message);
        }

        return Thumbnail.Facts(Convert.ToHexString(SHA256.HashData(content)), header.Width, header.Height, thumbnail);
    }
}
