using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Records;

/// <summary>A sweep's terms once checked, every default filled in: what its trials and decisions are made from.</summary>
/// <param name="Job">The base job, as POST /jobs takes it; each trial sets its parameters on it.</param>
/// <param name="MaxEpochs">The epochs of a trial trained to the end.</param>
/// <param name="Trials">The configurations the sweep tries.</param>
public sealed record SweepSpec(
    JsonObject Job,
    IReadOnlyDictionary<string, ParameterRange> SearchSpace,
    SearchSpec Search,
    SchedulerSpec Scheduler,
    Objective Objective,
    BudgetSpec Budget,
    int MaxEpochs,
    int Trials)
{
    public IReadOnlyList<int> Rungs => Scheduler.Rungs(MaxEpochs);

    public SweepPlan Plan() => new(Rungs, Scheduler.ReductionFactor, Objective, Trials, Budget.MaxConcurrent, Budget.Target);

    public IReadOnlyDictionary<string, JsonElement> ParametersOf(int trial) => new SearchSpace(SearchSpace).Trial(Search.Kind, Search.Seed, trial);
}
