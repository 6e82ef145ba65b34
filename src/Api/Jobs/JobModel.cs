using ResNetService.Model.Architecture;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

/// <summary>
/// The network a job trains: a layout at an input size (the dataset's images' when left out), or <c>from</c>: a model
/// whose architecture, input size and weights the run starts from; any other field given beside it must agree with
/// that model.
/// </summary>
public sealed record JobModel : NetworkLayout
{
    /// <summary>The side the images are resized to; null: the dataset's image size.</summary>
    public int? InputSize { get; init; }

    /// <summary>The id of a model to fine-tune (trained here or imported with POST /models/import).</summary>
    public string? From { get; init; }

    public TrainingNetwork ToTrainingNetwork() => Into<TrainingNetwork>() with { InputHeight = InputSize, InputWidth = InputSize };
}
