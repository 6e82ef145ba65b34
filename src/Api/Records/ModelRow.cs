using ResNetService.Model.Checkpoints;
using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Records;

/// <summary>A published model as the records database holds it; its checkpoint file stays on the data volume.</summary>
public sealed class ModelRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The run that trained it; unique, so a run can never publish two models.</summary>
    public string? SourceRunId { get; init; }
    public string? DatasetId { get; init; }
    /// <summary>The model its run started from; null when trained from scratch or imported.</summary>
    public string? SourceModelId { get; init; }
    /// <summary>For a model fine-tuned from another: whether that one's classifier was replaced for other classes.</summary>
    public bool? ClassifierReinitialised { get; init; }
    /// <summary>For an imported model: the file and its format, e.g. <c>weights.pt (pytorch)</c>.</summary>
    public string? ImportedFrom { get; init; }
    /// <summary>Training images per class, in the order of the classes; null for an imported model.</summary>
    public IReadOnlyList<int>? TrainClassCounts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required ModelDescription Description { get; init; }
    public int BestEpoch { get; init; }
    public double BestValidationAccuracy { get; init; }
    /// <summary>Kept with the model, so it outlives the run's record.</summary>
    public required IReadOnlyList<EpochMetrics> History { get; init; }
    public TestReport? Test { get; init; }
    /// <summary>Relative to the data root.</summary>
    public required string CheckpointPath { get; init; }

    public const string CheckpointFile = "model.ckpt";

    /// <summary>Where a model's checkpoint is kept, relative to the data root; records read before the database existed name it the same way.</summary>
    public static string CheckpointPathFor(string modelId) => Path.Combine("models", modelId, CheckpointFile);
}
