using System.Text.Json;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Api.Sweeps;
using ResNetService.Api.Tests.PostgreSql;
using ResNetService.Api.Tests.Support;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Tests.Records;

/// <summary>What the sweeps' records promise when processes race, against each provider (SQLite and PostgreSQL).</summary>
public abstract class SweepStoreContract(RecordsFixture records) : IDisposable
{
    private readonly SweepStore _sweeps = new(records.Database, records.Runs);

    public void Dispose() => records.Dispose();

    [PostgreSqlFact]
    public void OfProcessesRecordingTheSameTrialExactlyOneDoes()
    {
        var sweepId = ResourceIds.New();
        for (var trial = 0; trial < 4; trial++)
        {
            var number = trial;
            var added = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
                .Select(_ => _sweeps.TryAddTrial(Trial(sweepId, number, JobState.Queued))).ToList();

            Assert.Single(added, a => a);
        }
        Assert.Equal([0, 1, 2, 3], _sweeps.Trials(sweepId).Select(t => t.SweepTrial!.Value));
        // Jobs of their own (no sweep) are not held to it.
        Assert.True(records.NewRun().SweepTrial is null && records.NewRun().SweepTrial is null);
    }

    [PostgreSqlFact]
    public void OfProcessesPromotingTheSameTrialExactlyOneDoes()
    {
        var trial = Trial(ResourceIds.New(), 0, JobState.Paused);
        Assert.True(_sweeps.TryAddTrial(trial));

        var promoted = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6).Select(_ => _sweeps.TryPromote(trial.Id, 0, 1, 9)).ToList();

        Assert.Single(promoted, p => p);
        var read = records.Runs.Get(trial.Id)!;
        Assert.Equal((JobState.Queued, (int?)1, (int?)9), (read.State, read.SweepRung, read.EpochLimit));
        Assert.Equal(1.5, read.SweepParameters!["learningRate"].GetDouble());
        // Promoted already, it is no longer paused at rung 0: a late decision taken from older records changes nothing.
        Assert.False(_sweeps.TryPromote(trial.Id, 0, 1, 9));
    }

    [PostgreSqlFact]
    public void OfProcessesEndingASweepExactlyOneDoesAndItsTermsComeBackWhole()
    {
        var spec = new SweepSpec(new() { ["datasetId"] = "d" }, new Dictionary<string, ParameterRange> { ["depth"] = new(Choice: [JsonSerializer.SerializeToElement(20)]) },
            new SearchSpec(SearchKind.Grid), new SchedulerSpec(MaxEpochs: 9), new Objective(ObjectiveMetric.ValidationLoss), new BudgetSpec(Target: 0.1), 9, 1);
        var sweep = _sweeps.Create(new SweepRow { Id = ResourceIds.New(), Name = "s", DatasetId = ResourceIds.New(), Spec = spec, CreatedAt = DateTimeOffset.UtcNow });

        var ended = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6).Select(_ => _sweeps.TryEnd(sweep.Id, SweepState.Finished, SweepEnd.TargetReached)).ToList();

        Assert.Single(ended, e => e);
        Assert.Empty(_sweeps.Running());
        var read = _sweeps.Get(sweep.Id)!;
        Assert.Equal((SweepState.Finished, (SweepEnd?)SweepEnd.TargetReached), (read.State, read.EndReason));
        Assert.Equal([1, 3, 9], read.Spec.Rungs);
        Assert.Equal(ObjectiveGoal.Min, read.Spec.Objective.Direction);
        Assert.Equal(20, read.Spec.ParametersOf(0)["depth"].GetInt32());
    }

    private static RunRow Trial(string sweepId, int trial, JobState state) => new()
    {
        Id = ResourceIds.New(), Name = $"t{trial}", DatasetId = ResourceIds.New(), Model = new TrainingNetwork { Depth = 8 }, Training = new TrainingOptions(),
        State = state, CreatedAt = DateTimeOffset.UtcNow, SweepId = sweepId, SweepTrial = trial, SweepRung = 0, EpochLimit = 1,
        SweepParameters = new() { ["learningRate"] = JsonSerializer.SerializeToElement(1.5) },
    };
}

public sealed class SqliteSweepStoreTests() : SweepStoreContract(RecordsFixture.Sqlite());

[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlSweepStoreTests() : SweepStoreContract(RecordsFixture.PostgreSql());
