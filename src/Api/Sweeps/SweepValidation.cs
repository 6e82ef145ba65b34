using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Api.Datasets;
using ResNetService.Api.Jobs;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// Everything wrong with a sweep, field by field: its terms (<see cref="SweepTerms"/>), its base job as POST /jobs
/// checks a job (<c>job.model.depth</c>...), and each searched option on its own: each of its choices (or its
/// interval's ends) set on the base job and checked the same way (<c>searchSpace.depth</c>).
/// </summary>
public sealed class SweepValidation(DatasetStore datasets, ModelStore models, TrialJobs trials, long maxParameters)
{
    public (Dictionary<string, string[]> Errors, SweepSpec? Spec, DatasetRow? Dataset) Validate(CreateSweepRequest request)
    {
        var (errors, spec) = SweepTerms.Settle(request, trials);
        if (request.JobJson is not { } jobJson)
            return (errors, null, null);
        var job = trials.Build(jobJson, new Dictionary<string, JsonElement>(), null);
        var dataset = datasets.Get(job.DatasetId);
        ModelRow? source = null;
        var baseErrors = new Dictionary<string, string[]>();
        if (job.Model?.From is { } from && (source = models.Get(from)) is null)
            baseErrors["model.from"] = [$"There is no model with id '{from}'."];
        foreach (var (field, messages) in JobValidation.Validate(job, trials.TrainingOf(job, source is not null), dataset, source, maxParameters))
            baseErrors[field] = messages;
        foreach (var (field, messages) in baseErrors)
            errors[$"job.{field}"] = messages;
        if (baseErrors.Count == 0 && request.SearchSpace is { } ranges)
            foreach (var (name, range) in ranges.Where(r => !errors.ContainsKey($"searchSpace.{r.Key}")))
                if (ValueProblems(jobJson, name, range, dataset, source) is { Count: > 0 } problems)
                    errors[$"searchSpace.{name}"] = [.. problems];
        return errors.Count > 0 ? (errors, null, dataset) : (errors, spec, dataset);
    }

    /// <summary>What is wrong with the values of one range, each set alone on the base job.</summary>
    private List<string> ValueProblems(JsonObject job, string name, ParameterRange range, DatasetRow? dataset, ModelRow? source)
    {
        var problems = new List<string>();
        foreach (var value in Probes(range))
        {
            try
            {
                var trial = trials.Build(job, new Dictionary<string, JsonElement> { [name] = value }, null);
                foreach (var (_, messages) in JobValidation.Validate(trial, trials.TrainingOf(trial, source is not null), dataset, source, maxParameters))
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
