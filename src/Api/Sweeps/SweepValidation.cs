using System.Text.Json;
using ResNetService.Api.Datasets;
using ResNetService.Api.Jobs;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Training.Engine;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// Everything wrong with a sweep, field by field (<c>job.model.depth</c>, <c>searchSpace.learningRate</c>,
/// <c>scheduler.minEpochs</c>, <c>budget.maxTrials</c>...). Each searched option is checked on its own: its range's
/// form, then each of its choices (or its interval's ends) set on the base job and checked as POST /jobs checks a job.
/// </summary>
public sealed class SweepValidation(DatasetStore datasets, ModelStore models, TrialJobs trials, long maxParameters)
{
    public (Dictionary<string, string[]> Errors, SweepSpec? Spec, DatasetRow? Dataset) Validate(CreateSweepRequest request)
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

        CreateJobRequest? job = null;
        DatasetRow? dataset = null;
        ModelRow? source = null;
        var baseErrors = new Dictionary<string, string[]>();
        if (request.JobJson is not { } jobJson)
            errors["job"] = ["Give the base job, as POST /jobs takes it: {\"datasetId\": \"...\", \"model\": {\"depth\": 20}, \"training\": {...}}."];
        else
        {
            job = trials.Build(jobJson, new Dictionary<string, JsonElement>(), null);
            dataset = datasets.Get(job.DatasetId);
            if (job.Model?.From is { } from && (source = models.Get(from)) is null)
                baseErrors["model.from"] = [$"There is no model with id '{from}'."];
            foreach (var (field, messages) in JobValidation.Validate(job, dataset, source, maxParameters))
                baseErrors[field] = messages;
            foreach (var (field, messages) in baseErrors)
                errors[$"job.{field}"] = messages;
        }

        var jobEpochs = job?.TrainingFieldsGiven.Contains("epochs") == true ? job.Training?.Epochs : null;
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
            if (job is not null && baseErrors.Count == 0)
                foreach (var (name, range) in ranges.Where(r => !errors.ContainsKey($"searchSpace.{r.Key}")))
                    if (ValueProblems(request.JobJson!, name, range, dataset, source) is { Count: > 0 } problems)
                        errors[$"searchSpace.{name}"] = [.. problems];
            if (search.Kind == SearchKind.Grid)
                gridSize = space.GridSize();
        }
        foreach (var (field, messages) in budget.Problems(objective, search.Kind, gridSize))
            errors[$"budget.{field}"] = messages;
        if (errors.Count > 0)
            return (errors, null, dataset);
        var spec = new SweepSpec(request.JobJson!, request.SearchSpace!, search, scheduler with { MaxEpochs = maxEpochs }, objective, budget, maxEpochs,
            budget.Trials(gridSize));
        return (errors, spec, dataset);
    }

    /// <summary>What is wrong with the values of one range, each set alone on the base job.</summary>
    private List<string> ValueProblems(System.Text.Json.Nodes.JsonObject job, string name, ParameterRange range, DatasetRow? dataset, ModelRow? source)
    {
        var problems = new List<string>();
        foreach (var value in Probes(range))
        {
            try
            {
                var trial = trials.Build(job, new Dictionary<string, JsonElement> { [name] = value }, null);
                foreach (var (_, messages) in JobValidation.Validate(trial, dataset, source, maxParameters))
                    problems.AddRange(messages.Select(m => $"{value.GetRawText()}: {m}"));
            }
            catch (JsonException e)
            {
                problems.Add($"{value.GetRawText()} is not a value of {name}: {e.Message}");
            }
        }
        return problems.Distinct().ToList();
    }

    /// <summary>Every choice; the ends of an interval or range (the options' limits are intervals too).</summary>
    private static IEnumerable<JsonElement> Probes(ParameterRange range)
    {
        if (range.Choice is { } choice)
            return choice;
        if (range.Values() is { } values)
            return [values[0], values[^1]];
        var ends = range.Uniform ?? range.LogUniform!;
        return ends.Select(e => JsonSerializer.SerializeToElement(e));
    }
}
