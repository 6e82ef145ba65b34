using System.Text.Json;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Records;

/// <summary>
/// A training run as the records database holds it: the request, where it is in <see cref="Runs.JobTransitions"/>, and
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
    /// <summary>
    /// The number of the run's latest lease: one more at every claim, never reset. With <see cref="LeaseOwner"/> it is
    /// the fencing token every write of that attempt carries (see <see cref="Runs.RunLease"/>), and it names the
    /// attempt's folder <c>runs/{id}/attempts/{n}/</c>.
    /// </summary>
    public int LeaseNumber { get; init; }
    public List<EpochRow> Epochs { get; init; } = [];
    /// <summary>The sweep the run is a trial of; null for a job of its own.</summary>
    public string? SweepId { get; init; }
    /// <summary>The trial's number in its sweep, from 0 (unique per sweep, so two processes never make the same trial).</summary>
    public int? SweepTrial { get; init; }
    /// <summary>The rung the trial trains toward, or stopped at when paused (index into the sweep's rungs).</summary>
    public int? SweepRung { get; init; }
    /// <summary>The trial's values for the options its sweep searches, by option name.</summary>
    public Dictionary<string, JsonElement>? SweepParameters { get; init; }
    /// <summary>The run pauses after this epoch (its rung's), short of its training epochs; null: it trains them all.</summary>
    public int? EpochLimit { get; init; }
}
