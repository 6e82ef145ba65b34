using ResNetService.Api.Records;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>A sweep with its trials, as GET /sweeps/{id} answers.</summary>
/// <param name="State">running until every trial is done, the target is reached or it is cancelled.</param>
/// <param name="Spec">The sweep's terms as checked, every default filled in.</param>
/// <param name="TrialsPlanned">The configurations the sweep tries (budget.maxTrials, or the grid's size).</param>
/// <param name="Trials">Every trial started so far, by number.</param>
/// <param name="EndReason">finished (every trial done) or targetReached; null while running or when cancelled.</param>
/// <param name="Rungs">Epochs at each rung; the last is a trial trained to the end.</param>
/// <param name="Best">The trial with the best objective value so far.</param>
/// <param name="EpochsSpent">Epochs trained by every trial together.</param>
/// <param name="EpochsFullSearch">Epochs the same trials would take trained to the end (trials × maxEpochs).</param>
/// <param name="BestSoFar">The best value so far after each epoch, in the order the trials trained them: what the sweep had found for the epochs it had spent.</param>
public sealed record SweepDetails(
    string Id,
    string Name,
    string DatasetId,
    SweepState State,
    SweepEnd? EndReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    SweepSpec Spec,
    IReadOnlyList<int> Rungs,
    int TrialsPlanned,
    IReadOnlyList<TrialDetails> Trials,
    TrialDetails? Best,
    int EpochsSpent,
    int EpochsFullSearch,
    IReadOnlyList<BestSoFarPoint> BestSoFar)
{
    public static SweepDetails Of(SweepRow sweep, IReadOnlyList<RunRow> runs, IReadOnlyDictionary<string, IReadOnlyList<EpochMetrics>> histories,
        IReadOnlyList<(int Trial, EpochMetrics Epoch)> spent)
    {
        var objective = sweep.Spec.Objective;
        var trials = runs.Select(r => TrialDetails.Of(r, sweep, SweepTrials.Values(r, histories, objective))).ToList();
        TrialDetails? best = null;
        foreach (var trial in trials.Where(t => t.BestValue is not null))
            if (best is null || objective.IsBetter(trial.BestValue!.Value, best.BestValue!.Value))
                best = trial;
        return new SweepDetails(sweep.Id, sweep.Name, sweep.DatasetId, sweep.State, sweep.EndReason, sweep.CreatedAt, sweep.FinishedAt, sweep.Spec,
            sweep.Spec.Rungs, sweep.Spec.Trials, trials, best, trials.Sum(t => t.EpochsUsed), trials.Count * sweep.Spec.MaxEpochs,
            PointsOf(spent, objective));
    }

    private static List<BestSoFarPoint> PointsOf(IReadOnlyList<(int Trial, EpochMetrics Epoch)> spent, Objective objective)
    {
        var points = new List<BestSoFarPoint>();
        double? best = null;
        foreach (var (trial, epoch) in spent)
        {
            var value = objective.Of(epoch);
            if (best is null || objective.IsBetter(value, best.Value))
                best = value;
            points.Add(new BestSoFarPoint(points.Count + 1, trial, best.Value));
        }
        return points;
    }
}
