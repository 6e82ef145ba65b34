using ResNetService.Training.Sweeps;

namespace ResNetService.Training.Tests.Sweeps;

public class SweepSchedulerTests
{
    private static readonly Objective Accuracy = new();

    /// <summary>Rungs at 1, 3 and 9 epochs, η = 3.</summary>
    private static SweepPlan Plan(int maxTrials = 9, int maxConcurrent = 3, double? target = null, Objective? objective = null) =>
        new(new SchedulerSpec(MinEpochs: 1, ReductionFactor: 3).Rungs(9), 3, objective ?? Accuracy, maxTrials, maxConcurrent, target);

    [Theory]
    [InlineData(1, 27, 3, new[] { 1, 3, 9, 27 })]
    [InlineData(1, 20, 3, new[] { 1, 3, 9, 20 })]
    [InlineData(2, 16, 2, new[] { 2, 4, 8, 16 })]
    [InlineData(5, 6, 4, new[] { 5, 6 })]
    public void RungsGrowByTheReductionFactorUpToTheMaximum(int min, int max, int eta, int[] expected) =>
        Assert.Equal(expected, new SchedulerSpec(SchedulerKind.Asha, min, max, eta).Rungs(max));

    [Fact]
    public void WithoutASchedulerATrialHasOneRungItsLastEpoch() =>
        Assert.Equal([12], new SchedulerSpec(SchedulerKind.None).Rungs(12));

    [Fact]
    public void ANewSweepStartsAsManyTrialsAsItMayRunAtOnce()
    {
        var decision = SweepScheduler.Next(Plan(maxTrials: 9, maxConcurrent: 3), []);

        Assert.Equal([0, 1, 2], decision.NewTrials);
        Assert.Empty(decision.Promotions);
        Assert.Null(decision.End);
    }

    [Fact]
    public void NothingStartsWhileEveryPlaceIsTaken()
    {
        var decision = SweepScheduler.Next(Plan(maxConcurrent: 2), [Active(0), Active(1), Paused(2, 0, 0.9), Paused(3, 0, 0.8), Paused(4, 0, 0.7)]);

        Assert.Same(SweepDecision.Wait, decision);
    }

    [Fact]
    public void TheBestThirdOfARungIsPromotedOnceThreeTrialsReachedIt()
    {
        var decision = SweepScheduler.Next(Plan(), [Paused(0, 0, 0.4), Paused(1, 0, 0.7), Paused(2, 0, 0.5)]);

        Assert.Equal([new Promotion(1, 1)], decision.Promotions);
        // The two other places go to new trials.
        Assert.Equal([3, 4], decision.NewTrials);
    }

    [Fact]
    public void TooFewResultsAtARungPromoteNobodyWhileTheBudgetLasts()
    {
        var decision = SweepScheduler.Next(Plan(), [Paused(0, 0, 0.9), Paused(1, 0, 0.7)]);

        Assert.Empty(decision.Promotions);
        Assert.Equal([2, 3, 4], decision.NewTrials);
    }

    [Fact]
    public void APromotedTrialKeepsItsPlaceAtTheTopOfItsRung()
    {
        // Trial 0 went on already; with three results only one may, so the others wait.
        var decision = SweepScheduler.Next(Plan(maxConcurrent: 2), [Active(0, rung: 1, 0.9), Paused(1, 0, 0.7), Paused(2, 0, 0.5)]);

        Assert.Empty(decision.Promotions);
        Assert.Equal([3], decision.NewTrials);
    }

    [Fact]
    public void HigherRungsArePromotedFirst()
    {
        var trials = new List<TrialRecord>();
        // Nine trials reached rung 0; trials 0, 1 and 2 were promoted to rung 1 and finished it there.
        trials.Add(Paused(0, 1, 0.90, 0.91, 0.92));
        trials.Add(Paused(1, 1, 0.85, 0.86, 0.87));
        trials.Add(Paused(2, 1, 0.80, 0.81, 0.82));
        for (var i = 3; i < 9; i++)
            trials.Add(Paused(i, 0, 0.5 - i * 0.01));
        trials.Add(Paused(9, 0, 0.95));
        trials.Add(Paused(10, 0, 0.94));
        trials.Add(Paused(11, 0, 0.93));

        var decision = SweepScheduler.Next(Plan(maxTrials: 12, maxConcurrent: 2), trials);

        // Rung 1 first (trial 0, its best of three), then the best of rung 0 not yet promoted (12 results: the top 4).
        Assert.Equal([new Promotion(0, 2), new Promotion(9, 1)], decision.Promotions);
        Assert.Empty(decision.NewTrials);
    }

    [Fact]
    public void ARungIsJudgedOnItsOwnEpochsOnly()
    {
        // Trial 0 is best at epoch 1 but was overtaken later; at rung 0 only epoch 1 counts.
        var plan = Plan(maxConcurrent: 1);
        var trials = new[] { Completed(0, 0.9, 0.2, 0.2), Paused(1, 0, 0.5), Paused(2, 0, 0.6) };

        Assert.Equal(0.9, SweepScheduler.ValueAt(plan, trials[0], 0));
        Assert.Null(SweepScheduler.ValueAt(plan, trials[1], 1));
        Assert.Empty(SweepScheduler.Next(plan, trials).Promotions);
    }

    [Fact]
    public void ForALossTheLowestIsBest()
    {
        var decision = SweepScheduler.Next(Plan(objective: new Objective(ObjectiveMetric.ValidationLoss)),
            [Paused(0, 0, 1.2), Paused(1, 0, 0.3), Paused(2, 0, 0.9)]);

        Assert.Equal([new Promotion(1, 1)], decision.Promotions);
    }

    [Fact]
    public void ReachingTheTargetEndsTheSweep()
    {
        var decision = SweepScheduler.Next(Plan(target: 0.8), [Active(0, 0, 0.5, 0.81), Active(1), Paused(2, 0, 0.3)]);

        Assert.Equal(SweepEnd.TargetReached, decision.End);
        Assert.Empty(decision.NewTrials);
        Assert.Empty(decision.Promotions);
        Assert.Null(SweepScheduler.Next(Plan(target: 0.82), [Active(0, 0, 0.5, 0.81)]).End);
    }

    [Fact]
    public void WhenTheBudgetIsSpentTheBestOfTheHighestRungReachedStillGoesToTheEnd()
    {
        // Two results at rung 0 earn no promotion (2 / 3 rounds to 0), but nothing else will come.
        var decision = SweepScheduler.Next(Plan(maxTrials: 2), [Paused(0, 0, 0.4), Paused(1, 0, 0.6)]);

        Assert.Equal([new Promotion(1, 1)], decision.Promotions);
        Assert.Null(decision.End);
    }

    [Fact]
    public void TheSweepEndsWhenEveryTrialIsDoneAndOneReachedTheLastRung()
    {
        var trials = new[] { Completed(0, Enumerable.Repeat(0.9, 9).ToArray()), Paused(1, 0, 0.4), Failed(2) };

        Assert.Equal(SweepEnd.Finished, SweepScheduler.Next(Plan(maxTrials: 3), trials).End);
        Assert.Null(SweepScheduler.Next(Plan(maxTrials: 4), trials).End);
    }

    [Fact]
    public void NineConfigurationsCostAThirdOfTrainingThemAllWithTheBestTrainedToTheEnd()
    {
        // Trial i's accuracy after e epochs rises to its own ceiling: the schedule sees only the records.
        var plan = Plan(maxTrials: 9, maxConcurrent: 3);
        var ceilings = new[] { 0.61, 0.72, 0.55, 0.93, 0.67, 0.81, 0.49, 0.88, 0.76 };
        var trials = new Dictionary<int, TrialRecord>();
        for (var round = 0; round < 100; round++)
        {
            var decision = SweepScheduler.Next(plan, trials.Values.ToList());
            if (decision.End is not null)
                break;
            foreach (var index in decision.NewTrials)
                trials[index] = new TrialRecord(index, TrialStatus.Active, 0, []);
            foreach (var promotion in decision.Promotions)
                trials[promotion.Trial] = trials[promotion.Trial] with { Status = TrialStatus.Active, Rung = promotion.ToRung };
            // One trial (the lowest-numbered active one) finishes its rung per round: workers finish one at a time.
            var finishing = trials.Values.Where(t => t.Status == TrialStatus.Active).OrderBy(t => t.Index).First();
            var epochs = plan.Rungs[finishing.Rung];
            var values = Enumerable.Range(1, epochs).Select(e => ceilings[finishing.Index] * (1 - Math.Pow(0.5, e))).ToList();
            trials[finishing.Index] = finishing with
            {
                Status = finishing.Rung == plan.Rungs.Count - 1 ? TrialStatus.Completed : TrialStatus.Paused,
                Values = values,
            };
        }

        Assert.Equal(SweepEnd.Finished, SweepScheduler.Next(plan, trials.Values.ToList()).End);
        var spent = trials.Values.Sum(t => t.Values.Count);
        Assert.True(spent <= 9 * 9 / 3, $"spent {spent} epochs");
        Assert.Equal(3, Assert.Single(trials.Values, t => t.Status == TrialStatus.Completed).Index);
    }

    private static TrialRecord Active(int index, int rung = 0, params double[] values) => new(index, TrialStatus.Active, rung, values);

    private static TrialRecord Paused(int index, int rung, params double[] values) => new(index, TrialStatus.Paused, rung, values);

    private static TrialRecord Completed(int index, params double[] values) => new(index, TrialStatus.Completed, 2, values);

    private static TrialRecord Failed(int index) => new(index, TrialStatus.Failed, 0, []);
}
