using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Decoding;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Api.Datasets;

/// <summary>
/// The first few training images of each class, read through the dataset's own reader (so every format works) and
/// shrunk so that their longer side is at most the requested size; smaller images keep their size.
/// </summary>
public static class DatasetSamples
{
    /// <param name="classIndex">Only this class; null: every class.</param>
    public static IReadOnlyList<DatasetSample> Read(SampleIndex index, int? classIndex, int perClass, int maxSide)
    {
        var shape = Thumbnail(index.Shape, maxSide);
        var buffer = new byte[shape.ByteCount];
        var taken = new int[index.Classes.Count];
        var samples = new List<DatasetSample>();
        var source = index.Samples;
        for (var i = 0; i < source.Count; i++)
        {
            var label = source.LabelAt(i);
            if ((classIndex is { } only && label != only) || taken[label] >= perClass)
                continue;
            try
            {
                source.ReadInto(i, shape.Channels, shape.Height, shape.Width, buffer);
            }
            catch (DatasetException)
            {
                // A file that became unreadable after registration; the next image of its class stands in for it.
                continue;
            }
            taken[label]++;
            samples.Add(new DatasetSample(index.Classes[label], label, SplitNames.Train, index.TrainIndices[i], shape.Width, shape.Height,
                Convert.ToBase64String(ChwPng.Encode(buffer, shape)), source.NameOf(i)));
        }
        return samples.OrderBy(s => s.Class).ThenBy(s => s.Index).ToList();
    }

    /// <summary>The images of any split with these names (as a health report names them), those that still decode.</summary>
    /// <exception cref="DatasetException">The dataset's files can no longer be read.</exception>
    public static IReadOnlyList<DatasetSample> Named(string folder, DatasetReadOptions options, IReadOnlySet<string> names, int maxSide)
    {
        var dataset = DatasetReader.Open(folder, options);
        var shape = Thumbnail(dataset.Manifest.ImageShape, maxSide);
        var buffer = new byte[shape.ByteCount];
        var samples = new List<DatasetSample>();
        foreach (var (split, source) in new[] { (SplitNames.Train, dataset.Train), (SplitNames.Validation, dataset.Validation), (SplitNames.Test, dataset.Test) })
        {
            for (var i = 0; source is not null && i < source.Count; i++)
            {
                if (!names.Contains(source.NameOf(i)))
                    continue;
                try
                {
                    source.ReadInto(i, shape.Channels, shape.Height, shape.Width, buffer);
                }
                catch (DatasetException)
                {
                    continue;
                }
                var label = source.LabelAt(i);
                samples.Add(new DatasetSample(dataset.Manifest.Classes[label], label, split, i, shape.Width, shape.Height,
                    Convert.ToBase64String(ChwPng.Encode(buffer, shape)), source.NameOf(i)));
            }
        }
        return samples;
    }

    private static ImageShape Thumbnail(ImageShape shape, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(shape.Height, shape.Width));
        return new ImageShape(shape.Channels, Math.Max(1, (int)Math.Round(shape.Height * scale)), Math.Max(1, (int)Math.Round(shape.Width * scale)));
    }
}
