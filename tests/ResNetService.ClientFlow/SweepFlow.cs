using Microsoft.Kiota.Abstractions.Serialization;
using ResNetService.Client;
using ResNetService.Client.Models;

namespace ResNetService.ClientFlow;

/// <summary>
/// A tiny ASHA sweep through the generated client: start it on the flow's dataset, read it until it ends, make its
/// best trial's model the default. Answers what each step said, for the test to check.
/// </summary>
internal static class SweepFlow
{
    public static async Task<object> RunAsync(ResNetClient client, string datasetId)
    {
        // Kiota gives a map whose values have a schema (searchSpace) no typed values: each range is written as untyped JSON.
        var learningRate = new UntypedObject(new Dictionary<string, UntypedNode>
        {
            ["logUniform"] = new UntypedArray([new UntypedDouble(0.02), new UntypedDouble(0.3)]),
        });
        var accepted = await client.Sweeps.PostAsync(new CreateSweepRequest
        {
            Name = "client-flow-sweep",
            Job = new CreateJobRequest
            {
                DatasetId = datasetId,
                Model = new JobModel { Depth = 8 },
                Training = new TrainingOptions { BatchSize = 16, Augment = false },
            },
            SearchSpace = new CreateSweepRequest_searchSpace { AdditionalData = { ["learningRate"] = learningRate } },
            Search = new SearchSpec { Kind = SearchKind.Random, Seed = 7 },
            Scheduler = new SchedulerSpec { Kind = SchedulerKind.Asha, MinEpochs = 1, MaxEpochs = 3, ReductionFactor = 3 },
            Objective = new Objective { Metric = ObjectiveMetric.ValidationAccuracy },
            Budget = new BudgetSpec { MaxTrials = 3, MaxConcurrent = 2 },
        }) ?? throw new InvalidOperationException("POST /sweeps answered nothing.");

        // A guard against a sweep that never ends, not a measure of speed.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        SweepDetails sweep;
        while ((sweep = await client.Sweeps[accepted.Id!].GetAsync() ?? throw new InvalidOperationException("GET /sweeps/{id} answered nothing."))
               .State == SweepState.Running)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Sweep {accepted.Id} is still running after 10 minutes.");
            await Task.Delay(250);
        }

        var promoted = await client.Sweeps[sweep.Id!].Promote.PostAsync(new PromoteTrialRequest())
            ?? throw new InvalidOperationException("POST /sweeps/{id}/promote answered nothing.");
        return new
        {
            sweepId = sweep.Id,
            sweepState = sweep.State.ToString(),
            rungs = accepted.Rungs,
            trials = sweep.Trials!.Select(t => new { t.Trial, State = t.State.ToString(), t.StoppedAtRung, t.EpochsUsed, t.BestValue, t.ModelId }),
            sweep.EpochsSpent,
            sweep.EpochsFullSearch,
            bestTrial = sweep.Best?.Trial,
            bestValue = sweep.Best?.BestValue,
            bestModelId = sweep.Best?.ModelId,
            bestSoFar = sweep.BestSoFar!.Select(p => new { p.EpochsSpent, p.Trial, p.Value }),
            promotedModelId = promoted.ModelId,
        };
    }
}
