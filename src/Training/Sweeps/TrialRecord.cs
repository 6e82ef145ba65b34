namespace ResNetService.Training.Sweeps;

/// <summary>A trial as the records hold it, all the scheduler decides from.</summary>
/// <param name="Index">The trial's number in the sweep, from 0.</param>
/// <param name="Rung">The rung it trains toward or stopped at (index into the rungs).</param>
/// <param name="Values">The objective's value at each epoch trained, in order.</param>
public sealed record TrialRecord(int Index, TrialStatus Status, int Rung, IReadOnlyList<double> Values);
