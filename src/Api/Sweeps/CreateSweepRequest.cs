using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Jobs;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>Body of <c>POST /sweeps</c>.</summary>
/// <param name="Job">The base job, as POST /jobs takes it (datasetId, model, training); every trial is this job with its parameters set.</param>
/// <param name="SearchSpace">By option name (a training option such as learningRate, or a network one such as depth): the values to try.</param>
/// <param name="Name">Unset: the dataset's name with "-sweep-" and the start of the sweep's id.</param>
/// <param name="Search">random (with a seed) or grid; unset: random with seed 0.</param>
/// <param name="Scheduler">asha (rungs in epochs: minEpochs, maxEpochs, reductionFactor) or none; unset: asha from 1 epoch to the job's epochs, factor 3.</param>
/// <param name="Objective">validationAccuracy (max) or validationLoss (min); unset: validationAccuracy.</param>
/// <param name="Budget">maxTrials, maxConcurrent and an optional target.</param>
public sealed record CreateSweepRequest(
    CreateJobRequest? Job,
    Dictionary<string, ParameterRange>? SearchSpace,
    string? Name = null,
    SearchSpec? Search = null,
    SchedulerSpec? Scheduler = null,
    Objective? Objective = null,
    BudgetSpec? Budget = null)
{
    /// <summary>The base job as sent: trials set their parameters on it, and the fields it leaves out keep their defaults.</summary>
    [JsonIgnore]
    public JsonObject? JobJson { get; init; }

    public static async ValueTask<CreateSweepRequest?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the sweep as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new BadHttpRequestException("Send the sweep as a JSON object.");
            var request = body.Deserialize<CreateSweepRequest>(options)!;
            return request with { JobJson = body.FirstOrDefault(p => p.Key.Equals("job", StringComparison.OrdinalIgnoreCase)).Value as JsonObject };
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The body is not a sweep: {e.Message}", e);
        }
    }
}
