using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <summary>A sweep in the list of GET /sweeps (GET /sweeps/{id} has its trials).</summary>
/// <param name="EndReason">finished (every trial done) or targetReached; null while running or when cancelled.</param>
/// <param name="TrialsPlanned">The configurations the sweep tries.</param>
public sealed record SweepSummary(string Id, string Name, string DatasetId, SweepState State, Training.Sweeps.SweepEnd? EndReason,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int TrialsPlanned)
{
    public static SweepSummary Of(SweepRow s) => new(s.Id, s.Name, s.DatasetId, s.State, s.EndReason, s.CreatedAt, s.FinishedAt, s.Spec.Trials);
}
