using ResNetService.Api.Records;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>A trial's run as the scheduler sees it.</summary>
public static class SweepTrials
{
    public static TrialRecord Record(RunRow run, IReadOnlyDictionary<string, IReadOnlyList<EpochMetrics>> histories, Objective objective) =>
        new(run.SweepTrial!.Value, StatusOf(run.State), run.SweepRung ?? 0, Values(run, histories, objective));

    public static IReadOnlyList<double> Values(RunRow run, IReadOnlyDictionary<string, IReadOnlyList<EpochMetrics>> histories, Objective objective) =>
        histories.TryGetValue(run.Id, out var history) ? history.Select(objective.Of).ToList() : [];

    public static TrialStatus StatusOf(JobState state) => state switch
    {
        JobState.Paused => TrialStatus.Paused,
        JobState.Succeeded => TrialStatus.Completed,
        JobState.Failed => TrialStatus.Failed,
        JobState.Cancelled => TrialStatus.Cancelled,
        _ => TrialStatus.Active,
    };
}
