using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using ResNetService.Training.Hyperparameters;
using static TorchSharp.torch;

namespace ResNetService.Training.FineTuning;

/// <summary>How a run starts from a trained model: its architecture, which datasets fit it, and which weights carry over.</summary>
public static class FineTuneStart
{
    private const string ClassifierPrefix = "fc1.";

    /// <summary>The source's architecture, to be resolved with the dataset's classes.</summary>
    public static TrainingNetwork RequestFor(ResNetConfig source) =>
        source.Layout.Into<TrainingNetwork>() with { InputHeight = source.InputHeight, InputWidth = source.InputWidth };

    /// <summary>Why a dataset cannot fine-tune the source model, or null when it can.</summary>
    public static string? ChannelProblem(ResNetConfig source, int datasetChannels) =>
        datasetChannels == source.InputChannels
            ? null
            : $"The model takes {Describe(source.InputChannels)} images and the dataset has {Describe(datasetChannels)} images; fine-tuning needs the same channels.";

    /// <summary>The classifier carries over only for the same classes in the same order; otherwise it starts afresh.</summary>
    public static bool KeepsClassifier(IReadOnlyList<string> sourceClasses, IReadOnlyList<string> datasetClasses) =>
        sourceClasses.SequenceEqual(datasetClasses, StringComparer.Ordinal);

    /// <summary>Copies every parameter and running statistic of <paramref name="source"/> into <paramref name="target"/>, the classifier only when asked.</summary>
    public static void CopyWeights(ResNet source, ResNet target, bool includeClassifier)
    {
        using var _ = no_grad();
        var from = source.state_dict();
        foreach (var (name, tensor) in target.state_dict())
        {
            if (!includeClassifier && name.StartsWith(ClassifierPrefix, StringComparison.Ordinal))
                continue;
            tensor.copy_(from[name]);
        }
    }

    private static string Describe(int channels) => channels switch
    {
        1 => "grayscale (1-channel)",
        3 => "colour (3-channel)",
        _ => $"{channels}-channel",
    };
}
