using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Records;

/// <summary>
/// A sweep as the records database holds it: its settled terms and where it is. Its trials are runs (tagged with its
/// id); every decision is taken again from them, so the sweep needs no other state to be continued by any process.
/// </summary>
public sealed class SweepRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string DatasetId { get; init; }
    public required SweepSpec Spec { get; init; }
    public SweepState State { get; init; }
    /// <summary>Why a finished sweep ended: every trial done, or the target reached.</summary>
    public SweepEnd? EndReason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
