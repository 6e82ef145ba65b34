using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Api.Datasets;

/// <summary>
/// The first training images of each class of one dataset, as many as a samples request may ask for, found by one
/// reading of the dataset; <see cref="Samples"/> holds only them (file paths, or the few samples' bytes).
/// </summary>
/// <param name="TrainIndices">Each sample's position in the training split, in the order of <see cref="Samples"/>.</param>
public sealed record SampleIndex(IReadOnlyList<string> Classes, ImageShape Shape, IImageSource Samples, IReadOnlyList<int> TrainIndices)
{
    /// <exception cref="DatasetException">The dataset's files can no longer be read.</exception>
    public static SampleIndex Read(string folder, DatasetReadOptions options, int perClass)
    {
        var dataset = DatasetReader.Open(folder, options);
        var train = dataset.Train;
        var taken = new int[dataset.Manifest.Classes.Count];
        var indices = new List<int>();
        for (var i = 0; i < train.Count && indices.Count < perClass * taken.Length; i++)
        {
            var label = train.LabelAt(i);
            if (label < taken.Length && taken[label] < perClass)
            {
                taken[label]++;
                indices.Add(i);
            }
        }
        return new SampleIndex(dataset.Manifest.Classes, dataset.Manifest.ImageShape, train.Keep(indices), indices);
    }
}
