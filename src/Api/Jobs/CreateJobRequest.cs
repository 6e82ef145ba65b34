using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <param name="Training">Any field left out takes its default (for a run that starts from a model, the fine-tuning defaults where they differ).</param>
public sealed record CreateJobRequest(string DatasetId, JobModel Model, string? Name = null, TrainingOptions? Training = null)
{
    /// <summary>The training fields the body set itself (JSON names): the fine-tuning defaults replace only the others.</summary>
    [JsonIgnore]
    public IReadOnlyCollection<string> TrainingFieldsGiven { get; init; } = [];

    /// <summary>
    /// Reads the body as the API's JSON, once as a tree too: which training fields it sets cannot be told from the
    /// deserialised options, whose unset fields hold their defaults.
    /// </summary>
    public static async ValueTask<CreateJobRequest?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the job as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive },
                    cancellationToken: context.RequestAborted)
                ?? throw new BadHttpRequestException("The body is empty; send the job as a JSON object.");
            var request = body.Deserialize<CreateJobRequest>(options)
                ?? throw new BadHttpRequestException("The body is null; send the job as a JSON object.");
            var given = body is JsonObject job && job["training"] is JsonObject training ? training.Select(p => p.Key).ToList() : [];
            return request with { TrainingFieldsGiven = given };
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The body is not a job request: {e.Message}", e);
        }
    }
}
