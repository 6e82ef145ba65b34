using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Training.Hyperparameters;

/// <summary>
/// The network a run trains: a layout at an input size, the dataset's when none is given. The input channels and the
/// class count always come from the dataset.
/// </summary>
public sealed record TrainingNetwork : NetworkLayout
{
    /// <summary>null: the dataset's image height.</summary>
    public int? InputHeight { get; init; }

    /// <summary>null: the input height when given, else the dataset's image width.</summary>
    public int? InputWidth { get; init; }

    /// <summary>The network on <paramref name="dataset"/>; throws <see cref="InvalidArchitectureException"/> when it cannot take it.</summary>
    /// <param name="maxParameters">The host's cap on a model's parameters.</param>
    public ResNetConfig Resolve(DatasetManifest dataset, long maxParameters = ResNetConfigResolver.MaxParameters)
    {
        var images = dataset.ImageShape;
        var input = images with { Height = InputHeight ?? images.Height, Width = InputWidth ?? InputHeight ?? images.Width };
        return ResNetConfigResolver.Resolve(this, input, dataset.Classes.Count, maxParameters);
    }
}
