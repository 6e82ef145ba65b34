using System.Text.Json;
using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <summary>One trial of a sweep: its job, parameters, where it is and how well it did.</summary>
/// <param name="Trial">The trial's number in the sweep, from 0.</param>
/// <param name="JobId">The trial's job (GET /jobs/{id}: its page, metrics and events).</param>
/// <param name="Parameters">The values the trial tries, by option name as in the sweep's searchSpace.</param>
/// <param name="State">The trial's job's state: paused while it waits at a rung, or stopped there.</param>
/// <param name="Rung">The rung it trains toward, or stopped at (index into the sweep's rungs).</param>
/// <param name="RungEpochs">The epochs of that rung.</param>
/// <param name="StoppedAtRung">Set once the sweep has ended and the trial was not promoted past this rung (its job stays paused, with its checkpoint).</param>
/// <param name="BestValue">The objective's best value over the epochs trained; null before the first epoch.</param>
/// <param name="EpochsUsed">Epochs trained (a promoted trial goes on from its checkpoint: each epoch counts once).</param>
/// <param name="ModelId">The model of a trial trained to the end.</param>
/// <param name="Error">Why the trial's job failed.</param>
public sealed record TrialDetails(
    int Trial,
    string JobId,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    JobState State,
    int Rung,
    int RungEpochs,
    int? StoppedAtRung,
    double? BestValue,
    int EpochsUsed,
    string? ModelId,
    string? Error)
{
    public static TrialDetails Of(RunRow run, SweepRow sweep, IReadOnlyList<double> values)
    {
        var rung = run.SweepRung ?? 0;
        var stopped = run.State == JobState.Paused && sweep.State != SweepState.Running ? rung : (int?)null;
        return new TrialDetails(run.SweepTrial ?? 0, run.Id, run.SweepParameters ?? [], run.State, rung, sweep.Spec.Rungs[rung], stopped,
            sweep.Spec.Objective.Best(values), values.Count, run.ModelId, run.Error);
    }
}
