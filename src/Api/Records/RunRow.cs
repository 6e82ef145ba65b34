using ResNetService.Api.Jobs;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Records;

/// <summary>
/// A training run as the records database holds it: the request, where it is in <see cref="JobTransitions"/>, and
/// the lease of the worker that trains it. Its checkpoints stay on the data volume under <c>runs/{id}/</c>.
/// </summary>
public sealed class RunRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string DatasetId { get; init; }
    public required TrainingNetwork Model { get; init; }
    public required TrainingOptions Training { get; init; }
    /// <summary>The model the run starts from (its architecture and weights); null: trained from scratch.</summary>
    public string? SourceModelId { get; init; }
    /// <summary>For a run started from a model: whether that model's classifier is replaced because the dataset has other classes.</summary>
    public bool? ClassifierReinitialised { get; init; }
    public JobState State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public JobProgress? Progress { get; init; }
    public string? ModelId { get; init; }
    public string? Error { get; init; }
    /// <summary>Times a worker took the run over from one whose lease had expired (it died); reset by a resume.</summary>
    public int Attempts { get; init; }
    public bool CancelRequested { get; init; }
    public string? HangfireJobId { get; init; }
    /// <summary>Who trains the run now; valid until <see cref="LeaseExpiresAt"/>, by the database's clock.</summary>
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public List<EpochRow> Epochs { get; init; } = [];
}
