using ResNetService.Model.Checkpoints;
using ResNetService.Training.Engine;
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
    public required DateTimeOffset CreatedAt { get; init; }
    public required ModelDescription Description { get; init; }
    public int BestEpoch { get; init; }
    public double BestValidationAccuracy { get; init; }
    /// <summary>Kept with the model, so it outlives the run's record.</summary>
    public required IReadOnlyList<EpochMetrics> History { get; init; }
    public TestReport? Test { get; init; }
    /// <summary>Relative to the data root.</summary>
    public required string CheckpointPath { get; init; }
}
