namespace ResNetService.Training.Sweeps;

/// <summary>
/// The sweep's decisions (ASHA, Li et al. 2020), a pure function of its plan and its trials' records: any process can
/// take them, and taking them again changes nothing that was already done. Each free place (maxConcurrent less the
/// trials queued or training) goes first to a promotion, looked for from the top rung down: a trial waiting at rung k
/// goes on when it is among the best 1/η of every trial that reached rung k. Otherwise a new trial starts, while the
/// budget lasts. When nothing is left to run and no trial reached the last rung, the best of the highest rung reached
/// goes on anyway, so the sweep always trains one configuration to the end.
/// </summary>
public static class SweepScheduler
{
    public static SweepDecision Next(SweepPlan plan, IReadOnlyList<TrialRecord> trials)
    {
        if (plan.Target is { } target && trials.Any(t => t.Values.Any(v => plan.Objective.Reaches(v, target))))
            return new SweepDecision([], [], SweepEnd.TargetReached);

        var active = trials.Count(t => t.Status == TrialStatus.Active);
        var free = plan.MaxConcurrent - active;
        if (free <= 0)
            return SweepDecision.Wait;
        var promotions = new List<Promotion>();
        for (var rung = plan.Rungs.Count - 2; rung >= 0 && promotions.Count < free; rung--)
            promotions.AddRange(Promotable(plan, trials, rung).Take(free - promotions.Count).Select(t => new Promotion(t.Index, rung + 1)));
        var made = trials.Select(t => t.Index).ToHashSet();
        var newTrials = Enumerable.Range(0, plan.MaxTrials).Where(i => !made.Contains(i)).Take(free - promotions.Count).ToList();
        if (promotions.Count > 0 || newTrials.Count > 0 || active > 0)
            return new SweepDecision(promotions, newTrials, null);
        return LastPromotion(plan, trials) is { } last ? new SweepDecision([last], [], null) : new SweepDecision([], [], SweepEnd.Finished);
    }

    /// <summary>The trial's best value over the epochs of <paramref name="rung"/>; null when it has not trained them all.</summary>
    public static double? ValueAt(SweepPlan plan, TrialRecord trial, int rung) =>
        trial.Values.Count >= plan.Rungs[rung] ? plan.Objective.Best(trial.Values, plan.Rungs[rung]) : null;

    /// <summary>Trials waiting at the rung that are among its best 1/η, best first.</summary>
    private static IEnumerable<TrialRecord> Promotable(SweepPlan plan, IReadOnlyList<TrialRecord> trials, int rung)
    {
        var reached = Ranked(plan, trials, rung);
        return reached.Take(reached.Count / plan.ReductionFactor).Where(t => t.Status == TrialStatus.Paused && t.Rung == rung);
    }

    /// <summary>Every trial that trained the rung's epochs, best first (ties: the earlier trial).</summary>
    private static List<TrialRecord> Ranked(SweepPlan plan, IReadOnlyList<TrialRecord> trials, int rung)
    {
        var reached = trials.Select(t => (Trial: t, Value: ValueAt(plan, t, rung))).Where(r => r.Value is not null).ToList();
        var sign = plan.Objective.Direction == ObjectiveGoal.Max ? -1 : 1;
        return reached.OrderBy(r => sign * r.Value!.Value).ThenBy(r => r.Trial.Index).Select(r => r.Trial).ToList();
    }

    private static Promotion? LastPromotion(SweepPlan plan, IReadOnlyList<TrialRecord> trials)
    {
        var highest = Enumerable.Range(0, plan.Rungs.Count).LastOrDefault(rung => trials.Any(t => ValueAt(plan, t, rung) is not null), -1);
        if (highest < 0 || highest == plan.Rungs.Count - 1)
            return null;
        return Ranked(plan, trials, highest).FirstOrDefault(t => t.Status == TrialStatus.Paused && t.Rung == highest) is { } best
            ? new Promotion(best.Index, highest + 1)
            : null;
    }
}
