using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Decoding;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Data.Sources;

/// <summary>Image files on disk, decoded on every read.</summary>
internal sealed class ImageFileSource(IReadOnlyList<ImageFile> files) : IImageSource
{
    public int Count => files.Count;

    public int LabelAt(int index) => files[index].Label;

    public string NameOf(int index) => files[index].Name;

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination) =>
        ImageDecoding.DecodeInto(files[index].Path, files[index].Name, channels, height, width, destination);

    public Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination) =>
        ImageDecoding.DecodeInto(files[index].Path, files[index].Name, shape.Channels, shape.Height, shape.Width, destination, region, random);

    public IImageSource Keep(IReadOnlyList<int> indices) => new ImageFileSource(indices.Select(i => files[i]).ToArray());
}
