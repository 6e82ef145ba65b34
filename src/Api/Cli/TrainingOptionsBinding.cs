using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Cli;

/// <summary>
/// The train verb's hyperparameters, named as the API's training fields (kebab-case, today's short names as aliases).
/// The defaults its help shows are <see cref="TrainingDefaults.FromScratch"/>; those given become a <see cref="TrainingRequest"/>.
/// </summary>
internal sealed class TrainingOptionsBinding
{
    private static readonly TrainingOptions Defaults = TrainingDefaults.FromScratch;

    private readonly Option<int> _epochs = CliOption.Of("--epochs", "int", Defaults.Epochs, "Passes over the training split.");
    private readonly Option<int> _batchSize = CliOption.Of("--batch-size", "int", Defaults.BatchSize, "Images per step.", "--batch");
    private readonly Option<double> _learningRate = CliOption.Of("--learning-rate", "double", Defaults.LearningRate, "Base learning rate of SGD.", "--lr");
    private readonly Option<double> _momentum = CliOption.Of("--momentum", "double", Defaults.Momentum, "SGD momentum.");
    private readonly Option<bool> _nesterov = CliOption.Flag("--nesterov", "Nesterov momentum.");
    private readonly Option<double> _weightDecay = CliOption.Of("--weight-decay", "double", Defaults.WeightDecay, "L2 weight decay.", "--wd");
    private readonly Option<LearningRateScheduleKind> _schedule = CliOption.Of("--schedule", "cosine|step", Defaults.Schedule,
        "Learning-rate schedule: half a cosine to zero, or steps at --learning-rate-step-epochs.");
    private readonly Option<int[]?> _stepEpochs = CliOption.IntList("--learning-rate-step-epochs",
        "Epochs at which the step schedule multiplies the rate by --learning-rate-factor; unset: half and three quarters of the run.", "--lr-steps");
    private readonly Option<double> _factor = CliOption.Of("--learning-rate-factor", "double", Defaults.LearningRateFactor, "Factor of each step of the step schedule.", "--lr-factor");
    private readonly Option<double> _warmup = CliOption.Of("--warmup-epochs", "double", Defaults.WarmupEpochs, "Epochs of linear warm-up from zero to the base rate.", "--warmup");
    private readonly Option<bool> _augment = CliOption.Of("--augment", "true|false", Defaults.Augment, $"Random crops and flips of the training images. [default: {Defaults.Augment.ToString().ToLowerInvariant()}]");
    private readonly Option<double> _labelSmoothing = CliOption.Of("--label-smoothing", "double", Defaults.LabelSmoothing, "Label smoothing of the loss.");
    private readonly Option<int> _seed = CliOption.Of("--seed", "int", Defaults.Seed, "Seed of initialisation, shuffling and augmentation.");
    private readonly Option<int?> _patience = CliOption.Of<int?>("--early-stopping-patience", "int",
        "Stop after this many epochs without a better validation accuracy; unset: never stop early.", "--patience");
    private readonly Option<double> _validationFraction = CliOption.Of("--validation-fraction", "double", Defaults.ValidationFraction,
        "Share of the training split held out for validation when the dataset has no validation split; only when it gives 5 images of every class and 50 in all (or with early stopping): else no hold-out, and the model is the last epoch.");

    private readonly Option<string> _freeze = CliOption.Of("--freeze", "none|stem|stageK", Defaults.Freeze,
        "With --from: the parts that stay fixed, from the input on (the stem, or the stem and stages 1 to K).");
    private readonly Option<double> _headMultiplier = CliOption.Of("--head-learning-rate-multiplier", "double", Defaults.HeadLearningRateMultiplier,
        "The classifier's learning rate as a multiple of the rest's.");
    private readonly Option<ClassBalance> _classBalance = CliOption.Of("--class-balance", "none|weights|sampler", Defaults.ClassBalance,
        "Imbalanced classes: loss weights inverse to each class's share, or a sampler that draws every class equally often.");

    private readonly Option<double> _minCropScale = CliOption.Of("--min-crop-scale", "double", Defaults.MinCropScale,
        "Large images: the smallest share of the original's area a random resized crop covers.");
    private readonly Option<double> _maxCropScale = CliOption.Of("--max-crop-scale", "double", Defaults.MaxCropScale,
        "Large images: the largest share of the original's area a random resized crop covers.");
    private readonly Option<double> _minCropRatio = CliOption.Of("--min-crop-ratio", "double", Defaults.MinCropRatio,
        "Large images: the narrowest aspect ratio (width / height) of a random resized crop.");
    private readonly Option<double> _maxCropRatio = CliOption.Of("--max-crop-ratio", "double", Defaults.MaxCropRatio,
        "Large images: the widest aspect ratio (width / height) of a random resized crop.");
    private readonly Option<EvalTransform?> _evalTransform = CliOption.Of<EvalTransform?>("--eval-transform", "squash|centerCrop",
        "How evaluation and the published model turn a whole image into the input: all of it resized, or the centre crop at input / 0.875. [default: centerCrop for large inputs, squash for small]");

    private Option[] All => [_epochs, _batchSize, _learningRate, _momentum, _nesterov, _weightDecay, _schedule, _stepEpochs, _factor, _warmup, _augment,
        _labelSmoothing, _seed, _patience, _validationFraction, _freeze, _headMultiplier, _classBalance,
        _minCropScale, _maxCropScale, _minCropRatio, _maxCropRatio, _evalTransform];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Add(option);
    }

    /// <summary>The options given on the command line, as the API's training fields: the rest take their defaults when it is resolved.</summary>
    public TrainingRequest Request(ParseResult result, JsonSerializerOptions json)
    {
        var given = new JsonObject();
        foreach (var option in All)
        {
            if (result.GetResult(option) is { Implicit: false } set && set.GetValueOrDefault<object>() is { } value)
                given[FieldName(option)] = JsonSerializer.SerializeToNode(value, value.GetType(), json);
        }
        return new TrainingRequest(given);
    }

    /// <summary><c>--learning-rate</c> is the field <c>learningRate</c>.</summary>
    private static string FieldName(Option option) =>
        string.Concat(option.Name.TrimStart('-').Split('-').Select((word, i) => i == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
}
