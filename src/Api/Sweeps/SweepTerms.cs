using System.Text.Json;
using ResNetService.Api.Records;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// A sweep's terms settled, every default filled in, and everything wrong with them by field (<c>searchSpace.depth</c>,
/// <c>scheduler.minEpochs</c>, <c>budget.maxTrials</c>...): what the API and the <c>sweep</c> verb check alike. The
/// base job's own fields, which need the dataset, are checked by whoever has it.
/// </summary>
public static class SweepTerms
{
    public static (Dictionary<string, string[]> Errors, SweepSpec? Spec) Settle(CreateSweepRequest request, TrialJobs trials)
    {
        var errors = new Dictionary<string, string[]>();
        var search = request.Search ?? new SearchSpec();
        var scheduler = request.Scheduler ?? new SchedulerSpec();
        var objective = request.Objective ?? new Objective();
        var budget = request.Budget ?? new BudgetSpec();
        if (!Enum.IsDefined(search.Kind))
            errors["search.kind"] = ["Use random or grid."];
        if (!Enum.IsDefined(objective.Metric) || objective.Goal is { } goal && !Enum.IsDefined(goal))
            errors["objective"] = ["metric is validationAccuracy or validationLoss; goal is max or min."];
        if (request.Name is { Length: > 200 })
            errors["name"] = ["A name is at most 200 characters."];
        if (request.JobJson is null)
            errors["job"] = ["Give the base job, as POST /jobs takes it: {\"datasetId\": \"...\", \"model\": {\"depth\": 20}, \"training\": {...}}."];

        var job = request.JobJson is { } json ? trials.Build(json, new Dictionary<string, JsonElement>(), null) : null;
        var jobEpochs = job is null ? null : trials.EpochsSetBy(job);
        var maxEpochs = scheduler.MaxEpochs ?? jobEpochs ?? new TrainingOptions().Epochs;
        if (scheduler.MaxEpochs is { } max && jobEpochs is { } given && max != given)
            errors["job.training.epochs"] = [$"scheduler.maxEpochs ({max}) sets the trials' epochs; leave training.epochs out, or make them equal."];
        foreach (var (field, messages) in scheduler.Problems(maxEpochs))
            errors[$"scheduler.{field}"] = messages;

        long? gridSize = null;
        if (request.SearchSpace is not { } ranges)
            errors["searchSpace"] = ["Give the options to search, e.g. {\"learningRate\": {\"logUniform\": [0.01, 0.5]}, \"depth\": {\"choice\": [20, 32]}}."];
        else
        {
            var space = new SearchSpace(ranges);
            foreach (var (name, messages) in space.Problems(search.Kind))
                errors[name.Length == 0 ? "searchSpace" : $"searchSpace.{name}"] = messages;
            foreach (var name in ranges.Keys.Where(n => !trials.IsSearchable(n)))
                errors[$"searchSpace.{name}"] = [name == "epochs"
                    ? "The epochs are what a sweep spends: set scheduler.maxEpochs (and minEpochs) instead."
                    : $"'{name}' is not an option: search training options ({string.Join(", ", trials.TrainingFields.Order())}) or the network's ({string.Join(", ", trials.ModelFields.Order())})."];
            if (search.Kind == SearchKind.Grid)
                gridSize = space.GridSize();
        }
        foreach (var (field, messages) in budget.Problems(objective, search.Kind, gridSize))
            errors[$"budget.{field}"] = messages;
        if (errors.Count > 0)
            return (errors, null);
        return (errors, new SweepSpec(request.JobJson!, request.SearchSpace!, search, scheduler with { MaxEpochs = maxEpochs }, objective, budget, maxEpochs,
            budget.Trials(gridSize)));
    }
}
