using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Data;

/// <summary>A view of the samples of <paramref name="source"/> at <paramref name="indices"/>, in that order.</summary>
public sealed class SubsetImageSource(IImageSource source, IReadOnlyList<int> indices) : IImageSource
{
    public int Count => indices.Count;

    public int LabelAt(int index) => source.LabelAt(indices[index]);

    public string NameOf(int index) => source.NameOf(indices[index]);

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination) =>
        source.ReadInto(indices[index], channels, height, width, destination);

    public Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination) =>
        source.ReadRegionInto(indices[index], shape, region, random, destination);
}
