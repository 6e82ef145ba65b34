using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Checkpointing;

/// <summary>
/// Where a run is, saved with every checkpoint: with the weights, the optimiser's momentum and the seed this is
/// all a resumed run needs to continue exactly as if never interrupted (shuffling and augmentation are functions
/// of seed, epoch and step).
/// </summary>
public sealed record TrainerState
{
    /// <summary>The epoch in progress (1-based); past the last epoch once training is done.</summary>
    public int Epoch { get; init; } = 1;

    /// <summary>Batches of <see cref="Epoch"/> already trained.</summary>
    public int StepInEpoch { get; init; }

    public long GlobalStep { get; init; }

    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    public int BestEpoch { get; init; }

    public double BestValidationAccuracy { get; init; } = -1;

    public int EpochsWithoutImprovement { get; init; }

    public bool StoppedEarly { get; init; }

    /// <summary>Sums over the batches of the epoch in progress, so its reported training loss survives a resume.</summary>
    public double EpochLossSum { get; init; }

    public long EpochCorrect { get; init; }

    public long EpochSeen { get; init; }

    public double EpochSeconds { get; init; }

    /// <summary>For a run started from a model: whether its classifier was replaced for the dataset's classes.</summary>
    public bool? ClassifierReinitialised { get; init; }

    /// <summary>The options the run was started with, so a resume with other options is refused rather than mixed.</summary>
    public TrainingOptions? Options { get; init; }
}
