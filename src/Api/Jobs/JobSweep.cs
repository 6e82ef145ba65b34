using ResNetService.Api.Records;

namespace ResNetService.Api.Jobs;

/// <summary>What a sweep's trial says of its sweep.</summary>
/// <param name="Rung">The rung it trains toward, or stopped at when paused.</param>
/// <param name="EpochLimit">The epoch it pauses after for the sweep's decision; null: it trains all its epochs.</param>
public sealed record JobSweep(string SweepId, int Trial, int Rung, int? EpochLimit)
{
    public static JobSweep? Of(RunRow run) =>
        run.SweepId is { } id ? new JobSweep(id, run.SweepTrial ?? 0, run.SweepRung ?? 0, run.EpochLimit) : null;
}
