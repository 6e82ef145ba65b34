using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Training.Data;
using ResNetService.Training.Pipeline;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Engine;

/// <summary>
/// The data side of a run (as a Lightning data module): the network the dataset calls for, the train, validation and
/// test splits at the network's input size (in memory when they fit, streamed from disk otherwise) and the input
/// normalisation measured on the training split.
/// </summary>
public sealed class TrainingData
{
    private TrainingData(ResNetConfig config, IReadOnlyList<string> classes, IImageSource train, IImageSource validation,
        IImageSource? test, InputNormalization normalization, bool inMemory, double maxSkippedFraction)
    {
        MaxSkippedFraction = maxSkippedFraction;
        Config = config;
        Classes = classes;
        Train = train;
        Validation = validation;
        Test = test;
        Normalization = normalization;
        InMemory = inMemory;
        TrainClassCounts = ClassCounts.Of(train, classes.Count);
    }

    public ResNetConfig Config { get; }
    public IReadOnlyList<string> Classes { get; }
    public ImageShape Shape => new(Config.InputChannels, Config.InputHeight, Config.InputWidth);
    public IImageSource Train { get; }
    public IImageSource Validation { get; }
    public IImageSource? Test { get; }
    public InputNormalization Normalization { get; }
    public bool InMemory { get; }

    /// <summary>Samples per class in the training split (after any hold-out for validation).</summary>
    public IReadOnlyList<int> TrainClassCounts { get; }

    /// <summary>Share of undecodable images tolerated (skipped and counted) before the dataset is refused.</summary>
    public double MaxSkippedFraction { get; }

    /// <summary>Samples left out because they could not be decoded (counted when the splits are loaded into memory).</summary>
    public int SkippedSamples => new[] { Train, Validation, Test }.OfType<InMemoryImages>().Sum(split => split.SkippedSamples);

    /// <summary>The network a request asks for on this dataset; throws <see cref="InvalidArchitectureException"/> when it cannot take it.</summary>
    /// <param name="maxParameters">The host's cap on a model's parameters.</param>
    public static ResNetConfig ConfigFor(DatasetManifest manifest, ModelRequest request, long maxParameters = ResNetConfigResolver.MaxParameters) =>
        ResNetConfigResolver.Resolve(request.ToSpec(
            manifest.ImageShape.Channels, manifest.ImageShape.Height, manifest.ImageShape.Width, manifest.Classes.Count), maxParameters);

    /// <param name="normalization">The statistics a resumed run already uses; null measures them.</param>
    /// <param name="maxInMemoryBytes">Splits larger than this together stream from disk.</param>
    public static TrainingData Prepare(OpenedDataset dataset, ModelRequest request, TrainingOptions options,
        DatasetReadOptions readOptions, long maxInMemoryBytes, InputNormalization? normalization, CancellationToken cancellationToken)
    {
        var config = ConfigFor(dataset.Manifest, request);
        var shape = new ImageShape(config.InputChannels, config.InputHeight, config.InputWidth);
        var (train, validation) = dataset.Validation is { } ownValidation
            ? (dataset.Train, ownValidation)
            : HoldOut(dataset.Train, options);
        IImageSource?[] splits = [train, validation, dataset.Test];

        var sizes = splits.Select(s => s is null ? 0 : InMemoryImages.EstimateBytes(s.Count, shape)).ToArray();
        // Each split in memory is one byte array, so none may pass the largest array .NET allows.
        var inMemory = sizes.Sum() <= maxInMemoryBytes && sizes.All(size => size <= Array.MaxLength);
        if (inMemory)
        {
            splits = splits.Select(s => s is null ? null
                : (IImageSource)InMemoryImages.Load(s, shape, readOptions.MaxSkippedFraction, readOptions.MaxDegreeOfParallelism, cancellationToken)).ToArray();
        }
        return new TrainingData(config, dataset.Manifest.Classes, splits[0]!, splits[1]!, splits[2],
            normalization ?? ChannelStatistics.Measure(splits[0]!, shape, options.Seed), inMemory, readOptions.MaxSkippedFraction);
    }

    private static (IImageSource Train, IImageSource Validation) HoldOut(IImageSource train, TrainingOptions options)
    {
        var labels = Enumerable.Range(0, train.Count).Select(train.LabelAt).ToArray();
        var (kept, heldOut) = StratifiedSplit.Split(labels, options.ValidationFraction, options.Seed);
        return (new SubsetImageSource(train, kept), new SubsetImageSource(train, heldOut));
    }
}
