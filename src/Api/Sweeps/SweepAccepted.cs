using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <summary>The sweep POST /sweeps started; GET /sweeps/{id} follows it.</summary>
/// <param name="TrialsPlanned">The configurations the sweep tries.</param>
/// <param name="Rungs">Epochs at each rung; the last is a trial trained to the end.</param>
public sealed record SweepAccepted(string Id, SweepState State, int TrialsPlanned, IReadOnlyList<int> Rungs);
