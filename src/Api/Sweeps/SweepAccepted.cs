using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <param name="Rungs">Epochs at each rung; the last is a trial trained to the end.</param>
public sealed record SweepAccepted(string Id, SweepState State, int TrialsPlanned, IReadOnlyList<int> Rungs);
