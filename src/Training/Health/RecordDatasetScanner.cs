using System.Security.Cryptography;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Training.Health;

/// <summary>IDX and CIFAR datasets: records of raw pixels, hashed as stored.</summary>
internal sealed class RecordDatasetScanner : IHealthScanner
{
    private readonly OpenedDataset _dataset;
    private readonly IImageSource[] _sources;

    public RecordDatasetScanner(OpenedDataset dataset)
    {
        _dataset = dataset;
        var splits = new (string Split, IImageSource? Source)[]
        {
            (SplitNames.Train, dataset.Train), (SplitNames.Validation, dataset.Validation), (SplitNames.Test, dataset.Test),
        }.Where(split => split.Source is not null).ToArray();
        _sources = [.. splits.SelectMany(split => Enumerable.Repeat(split.Source!, split.Source!.Count))];
        Samples = [.. splits.SelectMany(split => Enumerable.Range(0, split.Source!.Count)
            .Select(index => new HealthSample(split.Split, split.Source.LabelAt(index), split.Source.NameOf(index), index)))];
    }

    public string Format => _dataset.Manifest.Format;

    public IReadOnlyList<string> Classes => _dataset.Manifest.Classes;

    public IReadOnlyList<HealthSample> Samples { get; }

    public SampleFacts Scan(int index)
    {
        var shape = _dataset.Manifest.ImageShape;
        var pixels = new byte[shape.ByteCount];
        _sources[index].ReadInto(Samples[index].Index, shape.Channels, shape.Height, shape.Width, pixels);
        var thumbnail = new byte[Thumbnail.ByteCount];
        ChwConversion.Convert(pixels, shape, 3, Thumbnail.Height, Thumbnail.Width, thumbnail);
        return Thumbnail.Facts(Convert.ToHexString(SHA256.HashData(pixels)), shape.Width, shape.Height, thumbnail);
    }
}
