using System.ComponentModel.DataAnnotations;
using ResNetService.Model;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Engine;

/// <summary>
/// How the machine that trains runs a training: the operator's choices (configuration section <c>Training</c>), never
/// a client's. Unlike <see cref="TrainingOptions"/> they may differ between attempts of one run without changing what
/// it learns.
/// </summary>
public sealed record TrainerSettings : IValidatableObject
{
    public const string Section = "Training";

    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Also checkpoint inside an epoch after this many minutes; 0: only at the end of each epoch.</summary>
    [Range(0, 1440)] public double CheckpointEveryMinutes { get; init; } = 10;

    [Range(1, 100)] public int KeepLastCheckpoints { get; init; } = 2;

    /// <summary>Progress is reported after every this many batches (and at the end of each epoch).</summary>
    [Range(1, 100_000)] public int ProgressEveryBatches { get; init; } = 10;

    /// <summary>Datasets whose decoded images exceed this many bytes stream from disk instead of living in memory.</summary>
    [Range(0, long.MaxValue)] public long MaxInMemoryBytes { get; init; } = 4L << 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TorchDevices.IsValidSetting(Device))
            yield return new ValidationResult($"Device '{Device}' is not auto, cpu, cuda or cuda:N.", [nameof(Device)]);
    }
}
