using System.ComponentModel.DataAnnotations;
using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Hyperparameters;

/// <summary>How the learning rate falls over a run: cosine, half a cosine to zero; step, multiplied by the step factor at the step epochs.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>MXNet's lr_step_epochs: multiply by <see cref="TrainingOptions.LearningRateFactor"/> at each listed epoch.</summary>
    Step,
    /// <summary>Half a cosine from the base rate down to zero over the run.</summary>
    Cosine,
}

/// <summary>For imbalanced classes. none: every sample counts the same; weights: the loss weighs each class inversely to its share; sampler: every class is drawn equally often.</summary>
public enum ClassBalance
{
    /// <summary>Every sample counts the same.</summary>
    None,
    /// <summary>The loss weighs each class inversely to its share of the training split.</summary>
    Weights,
    /// <summary>Each epoch draws its samples class by class, every class equally often (with replacement).</summary>
    Sampler,
}

/// <summary>
/// What a run learns with: the hyperparameters a client chooses. Every value has a default that trains a small ResNet
/// sensibly on CIFAR-sized images. How the machine runs it is the service's settings (device, checkpoint interval).
/// </summary>
public sealed record TrainingOptions : IValidatableObject
{
    /// <summary>Passes over the training split.</summary>
    [Range(1, 10_000)] public int Epochs { get; init; } = 10;
    /// <summary>Images per step.</summary>
    [Range(1, 4096)] public int BatchSize { get; init; } = 128;
    /// <summary>The base learning rate of SGD.</summary>
    [Range(1e-6, 10)] public double LearningRate { get; init; } = 0.1;
    /// <summary>SGD momentum.</summary>
    [Range(0, 0.999)] public double Momentum { get; init; } = 0.9;
    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; init; }
    /// <summary>L2 weight decay.</summary>
    [Range(0, 0.1)] public double WeightDecay { get; init; } = 1e-4;
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Cosine;
    /// <summary>Epochs at which a step schedule multiplies the rate by the step factor; empty: half and three quarters of the run.</summary>
    public IReadOnlyList<int> LearningRateStepEpochs { get; init; } = [];
    /// <summary>What each step of a step schedule multiplies the rate by.</summary>
    [Range(1e-4, 1)] public double LearningRateFactor { get; init; } = 0.1;
    /// <summary>Epochs of linear warm-up from zero to the base rate.</summary>
    [Range(0, 1000)] public double WarmupEpochs { get; init; }
    /// <summary>Random crops and flips of the training images.</summary>
    public bool Augment { get; init; } = true;
    /// <summary>Label smoothing of the loss.</summary>
    [Range(0, 0.5)] public double LabelSmoothing { get; init; }
    /// <summary>Seed of initialisation, shuffling and augmentation.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Stop when validation accuracy has not improved for this many epochs; null: never stop early.</summary>
    [Range(1, 10_000)] public int? EarlyStoppingPatience { get; init; }
    /// <summary>Fine-tuning: none, stem, or stage1 … stageN: those parts do not train and their BN statistics stay fixed.</summary>
    public string Freeze { get; init; } = FreezeLevel.None;
    /// <summary>The classifier's learning rate as a multiple of the rest's (a fresh head on pretrained features often wants more).</summary>
    [Range(0.01, 1000)] public double HeadLearningRateMultiplier { get; init; } = 1;
    public ClassBalance ClassBalance { get; init; } = ClassBalance.None;
    /// <summary>
    /// Share of the training split held out for validation when the dataset has no validation split of its own; only
    /// when that gives 5 images of every class and 50 in all, or early stopping is on: else nothing is held out and the
    /// model is the last epoch's (see ValidationPlan).
    /// </summary>
    [Range(0.01, 0.5)] public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Large images: the smallest share of the original's area a random resized crop covers.</summary>
    [Range(0.01, 1)] public double MinCropScale { get; init; } = 0.08;
    /// <summary>Large images: the largest share of the original's area a random resized crop covers.</summary>
    [Range(0.01, 1)] public double MaxCropScale { get; init; } = 1;
    /// <summary>Large images: the narrowest aspect ratio (width / height) of a random resized crop.</summary>
    [Range(0.1, 10)] public double MinCropRatio { get; init; } = 3.0 / 4;
    /// <summary>Large images: the widest aspect ratio (width / height) of a random resized crop.</summary>
    [Range(0.1, 10)] public double MaxCropRatio { get; init; } = 4.0 / 3;
    /// <summary>How evaluation and the published model turn a whole image into the input; null: centerCrop for large images, squash for small.</summary>
    public EvalTransform? EvalTransform { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LearningRateStepEpochs.Any(e => e < 1 || e > Epochs))
            yield return new ValidationResult($"Learning-rate step epochs must lie between 1 and the {Epochs} epochs.", [nameof(LearningRateStepEpochs)]);
        if (Nesterov && Momentum <= 0)
            yield return new ValidationResult("Nesterov momentum needs a momentum above 0.", [nameof(Nesterov)]);
        if (!FreezeLevel.IsWellFormed(Freeze))
            yield return new ValidationResult($"Freeze '{Freeze}' is not none, stem or stageN.", [nameof(Freeze)]);
        if (MinCropScale > MaxCropScale)
            yield return new ValidationResult("The smallest crop scale must not exceed the largest.", [nameof(MinCropScale), nameof(MaxCropScale)]);
        if (MinCropRatio > MaxCropRatio)
            yield return new ValidationResult("The narrowest crop ratio must not exceed the widest.", [nameof(MinCropRatio), nameof(MaxCropRatio)]);
        if (EvalTransform is { } transform && !Enum.IsDefined(transform))
            yield return new ValidationResult($"Eval transform {transform} is not squash or centerCrop.", [nameof(EvalTransform)]);
        if (!Enum.IsDefined(ClassBalance))
            yield return new ValidationResult($"Class balance {ClassBalance} is not none, weights or sampler.", [nameof(ClassBalance)]);
    }
}
