using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ResNetService.Api.Jobs;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// A trial's job: the sweep's base job with the trial's parameters set, each on the training options or the network
/// by its name, and the epochs of a full trial. Built as JSON, so a field the base job leaves out keeps its default
/// exactly as POST /jobs would give it.
/// </summary>
public sealed class TrialJobs(JsonSerializerOptions json)
{
    /// <summary>The options a sweep may search: the training options but the epochs (the sweep's resource).</summary>
    public IReadOnlySet<string> TrainingFields { get; } = Names(json, typeof(TrainingOptions), "epochs");

    /// <summary>The network's fields but <c>from</c> (a model to start from is the base job's choice).</summary>
    public IReadOnlySet<string> ModelFields { get; } = Names(json, typeof(JobModel), "from");

    public bool IsSearchable(string name) => TrainingFields.Contains(name) || ModelFields.Contains(name);

    /// <exception cref="JsonException">A value is not of its option's type.</exception>
    public CreateJobRequest Build(JsonObject job, IReadOnlyDictionary<string, JsonElement> parameters, int? epochs)
    {
        var copy = (JsonObject)job.DeepClone();
        foreach (var (name, value) in parameters)
            Child(copy, TrainingFields.Contains(name) ? "training" : "model")[name] = JsonNode.Parse(value.GetRawText());
        if (epochs is { } count)
            Child(copy, "training")["epochs"] = count;
        return copy.Deserialize<CreateJobRequest>(json) ?? throw new JsonException("The job is null.");
    }

    /// <summary>The job's training options laid over the defaults of its kind of run, as POST /jobs lays them.</summary>
    /// <param name="fineTuning">The job starts from a model (<c>model.from</c>).</param>
    public TrainingOptions TrainingOf(CreateJobRequest job, bool fineTuning) => (job.Training ?? TrainingRequest.None).Resolve(fineTuning, json);

    /// <summary>The epochs the job sets itself; null when it leaves them to the defaults.</summary>
    public int? EpochsSetBy(CreateJobRequest job) =>
        job.Training?.Fields.Any(field => field.Key.Equals("epochs", StringComparison.OrdinalIgnoreCase)) == true ? TrainingOf(job, fineTuning: false).Epochs : null;

    /// <summary>The object under <paramref name="name"/> (any case), made when the job has none.</summary>
    private static JsonObject Child(JsonObject parent, string name)
    {
        var key = Key(parent, name);
        if (key is not null && parent[key] is JsonObject child)
            return child;
        if (key is not null)
            parent.Remove(key);
        var made = new JsonObject();
        parent[name] = made;
        return made;
    }

    private static string? Key(JsonObject parent, string name) =>
        parent.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Read from a copy, so options not yet used (and so without a resolver) can be read here and still changed by their owner.</summary>
    private static HashSet<string> Names(JsonSerializerOptions json, Type type, string except) =>
        new JsonSerializerOptions(json) { TypeInfoResolver = json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver() }
            .GetTypeInfo(type).Properties.Select(p => p.Name).Where(n => n != except).ToHashSet(StringComparer.Ordinal);
}
