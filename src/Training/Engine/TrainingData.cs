using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Data.Sources;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Pipeline;

namespace ResNetService.Training.Engine;

/// <summary>
/// The data side of a run (as a Lightning data module): the network the dataset calls for, the train, validation and
/// test splits at the network's input size (in memory when they fit, streamed from disk otherwise), the input
/// normalisation measured on the training split, and how samples are cut from the originals.
/// Photos (networks with the large-image stem) in memory: the training split whole at up to twice the input size, for
/// crops in the original's coordinates; validation and test already through the evaluation transform.
/// </summary>
public sealed class TrainingData
{
    /// <summary>How much larger than the input a photo is kept in memory, so that small crops keep some detail.</summary>
    public const int PhotoCacheScale = 2;

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
    public ImageShape Shape => Config.Input;
    public IImageSource Train { get; }
    public IImageSource Validation { get; }
    public IImageSource? Test { get; }
    public InputNormalization Normalization { get; }
    public bool InMemory { get; }

    /// <summary>How evaluation and the published model turn a whole image into the input.</summary>
    public EvalTransform EvalTransform { get; private init; }

    /// <summary>The part of each original a training sample is cut from; null: read whole (small images).</summary>
    public IImageRegion? TrainingRegion { get; private init; }

    /// <summary>The evaluation transform's region for the validation and test splits; null when they hold it already, or squash.</summary>
    public IImageRegion? EvaluationRegion { get; private init; }

    /// <summary>Whether part of the training split was held out for validation, and whether the model is the best epoch or the last.</summary>
    public ValidationPlan Plan { get; private init; } = new(HoldOut: true, SelectsBestEpoch: true);

    /// <summary>Samples per class in the training split (after any hold-out for validation).</summary>
    public IReadOnlyList<int> TrainClassCounts { get; }

    /// <summary>Share of undecodable images tolerated (skipped and counted) before the dataset is refused.</summary>
    public double MaxSkippedFraction { get; }

    /// <summary>Samples left out because they could not be decoded (counted when the splits are loaded into memory).</summary>
    public int SkippedSamples => new[] { Train, Validation, Test }.OfType<InMemoryImages>().Sum(split => split.SkippedSamples);

    /// <param name="normalization">The statistics a resumed run already uses; null measures them.</param>
    /// <param name="maxInMemoryBytes">Splits larger than this together stream from disk.</param>
    public static TrainingData Prepare(OpenedDataset dataset, TrainingNetwork network, TrainingOptions options,
        DatasetReadOptions readOptions, long maxInMemoryBytes, InputNormalization? normalization, CancellationToken cancellationToken)
    {
        var config = network.Resolve(dataset.Manifest);
        var shape = config.Input;
        var plan = ValidationPlan.For(dataset.Validation is not null, ClassCounts.Of(dataset.Train, dataset.Manifest.Classes.Count),
            options.ValidationFraction, options.EarlyStoppingPatience);
        // Without a hold-out the training images are validated on as well, read as a validation split is (no augmentation).
        var (train, validation) = dataset.Validation is { } ownValidation ? (dataset.Train, ownValidation)
            : plan.HoldOut ? HoldOut(dataset.Train, options)
            : (dataset.Train, dataset.Train);
        IImageSource?[] splits = [train, validation, dataset.Test];

        var evalTransform = options.EvalTransform ?? (config.SmallImageStem ? EvalTransform.Squash : EvalTransform.CenterCrop);
        var evalRegion = EvalRegions.For(evalTransform, shape);
        var crop = new RandomResizedCrop(options.MinCropScale, options.MaxCropScale, options.MinCropRatio, options.MaxCropRatio);
        var trainingRegion = AugmentationPolicy.TrainingRegion(config, options.Augment, crop, evalRegion);
        var trainShape = trainingRegion is null ? shape : PhotoCacheShape(shape, dataset.Manifest.ImageShape);

        var sizes = splits.Select((s, i) => s is null ? 0 : InMemoryImages.EstimateBytes(s.Count, i == 0 ? trainShape : shape)).ToArray();
        // Each split in memory is one byte array, so none may pass the largest array .NET allows.
        var inMemory = sizes.Sum() <= maxInMemoryBytes && sizes.All(size => size <= Array.MaxLength);
        if (inMemory)
        {
            splits = splits.Select((s, i) => s is null ? null
                : (IImageSource)InMemoryImages.Load(s, i == 0 ? trainShape : shape, readOptions.MaxSkippedFraction, readOptions.MaxDegreeOfParallelism,
                    cancellationToken, i == 0 ? (trainingRegion is null ? null : WholeImage.Instance) : evalRegion)).ToArray();
        }
        return new TrainingData(config, dataset.Manifest.Classes, splits[0]!, splits[1]!, splits[2],
            normalization ?? ChannelStatistics.Measure(splits[0]!, shape, options.Seed), inMemory, readOptions.MaxSkippedFraction)
        {
            EvalTransform = evalTransform,
            TrainingRegion = trainingRegion,
            EvaluationRegion = inMemory ? null : evalRegion,
            Plan = plan,
        };
    }

    /// <summary>
    /// Square, so that landscape and portrait photos alike keep their longer side: the dataset's usual image's longer
    /// side, at least the input's and at most <see cref="PhotoCacheScale"/> times it.
    /// </summary>
    private static ImageShape PhotoCacheShape(ImageShape input, ImageShape usual)
    {
        var longer = Math.Max(input.Height, input.Width);
        var side = Math.Clamp(Math.Max(usual.Height, usual.Width), longer, PhotoCacheScale * longer);
        return input with { Height = side, Width = side };
    }

    private static (IImageSource Train, IImageSource Validation) HoldOut(IImageSource train, TrainingOptions options)
    {
        var labels = Enumerable.Range(0, train.Count).Select(train.LabelAt).ToArray();
        var (kept, heldOut) = StratifiedSplit.Split(labels, options.ValidationFraction, options.Seed);
        return (new SubsetImageSource(train, kept), new SubsetImageSource(train, heldOut));
    }
}
