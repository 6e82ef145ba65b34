using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ResNetService.Api.Records;
using ResNetService.Model.Architecture;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

/// <summary>Everything wrong with a job request, field by field (<c>datasetId</c>, <c>model.depth</c>, <c>training.epochs</c>...).</summary>
public static class JobValidation
{
    /// <param name="training">The request's training options laid over the defaults of its kind of run.</param>
    /// <param name="source">The model named by <c>model.from</c>, when the request names one (it exists: a missing one is a 404 before this).</param>
    /// <param name="maxParameters">The host's cap on a model's parameters (Limits:MaxModelParameters).</param>
    public static Dictionary<string, string[]> Validate(CreateJobRequest request, TrainingOptions training, DatasetRow? dataset, ModelRow? source = null,
        long maxParameters = ResNetConfigResolver.MaxParameters)
    {
        var errors = new Dictionary<string, string[]>();
        if (dataset is null)
            errors["datasetId"] = [$"There is no dataset with id '{request.DatasetId}'."];
        if (request.Model is null)
            errors["model"] = ["Give the network to train, e.g. { \"depth\": 20 }, or the model to start from, e.g. { \"from\": \"<model id>\" }."];
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(training, new ValidationContext(training), results, validateAllProperties: true))
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    errors[$"training.{JsonNamingPolicy.CamelCase.ConvertName(member)}"] = [result.ErrorMessage ?? "Out of range."];
        if (source is not null && request.Model is not null)
            foreach (var (field, message) in Contradictions(request.Model, source))
                errors[$"model.{field}"] = [message];
        if (dataset is null || request.Model is null)
            return errors;

        var sourceArchitecture = source?.Description.Architecture;
        if (sourceArchitecture is not null && FineTuneStart.ChannelProblem(sourceArchitecture, dataset.Manifest.ImageShape.Channels) is { } channels)
        {
            errors["datasetId"] = [channels];
            return errors;
        }
        try
        {
            var network = sourceArchitecture is null ? request.Model.ToTrainingNetwork() : FineTuneStart.RequestFor(sourceArchitecture);
            var config = network.Resolve(dataset.Manifest, maxParameters);
            if (FreezeLevel.IsWellFormed(training.Freeze) && FreezeLevel.Problem(training.Freeze, config) is { } freeze)
                errors["training.freeze"] = [freeze];
        }
        catch (InvalidArchitectureException e)
        {
            foreach (var (field, messages) in e.Errors)
                errors[$"model.{field}"] = messages;
        }
        return errors;
    }

    /// <summary>Fields given beside <c>from</c> that the source model does not have: a run from a model takes its architecture as it is.</summary>
    private static IEnumerable<(string Field, string Message)> Contradictions(JobModel spec, ModelRow source)
    {
        var a = source.Description.Architecture;
        var model = $"Model {source.Id} ({a})";
        if (spec.Depth is { } depth && depth != a.Depth)
            yield return ("depth", $"{model} has depth {a.Depth}, not {depth}; leave depth out when starting from it.");
        if (spec.Bottleneck is { } bottleneck && bottleneck != a.Bottleneck)
            yield return ("bottleneck", $"{model} has {(a.Bottleneck ? "bottleneck" : "basic")} units; leave bottleneck out when starting from it.");
        if (spec.Units is { } units && !units.SequenceEqual(a.Units))
            yield return ("units", $"{model} has units {string.Join(',', a.Units)}, not {string.Join(',', units)}; leave units out when starting from it.");
        if (spec.Filters is { } filters && !filters.SequenceEqual(a.Filters))
            yield return ("filters", $"{model} has filters {string.Join(',', a.Filters)}, not {string.Join(',', filters)}; leave filters out when starting from it.");
        if (spec.InputSize is { } size && (size != a.InputHeight || size != a.InputWidth))
            yield return ("inputSize", $"{model} takes {a.InputHeight}x{a.InputWidth} inputs, and a run from it keeps them; leave inputSize out.");
    }
}
