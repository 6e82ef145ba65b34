using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResNetService.Api.Jobs;

/// <summary>
/// Optional body of <c>POST /jobs/{id}/resume</c>. Only the batch size may change (a run that ran out of memory
/// resumes with a smaller one; its epoch in progress then starts over). Every other training option is fixed for the
/// life of a run, because its checkpoints were made with them.
/// </summary>
/// <param name="BatchSize">1 to 4096; unset: as before.</param>
public sealed record ResumeJobRequest(int? BatchSize = null)
{
    /// <summary>Anything else the client sent, so it can be refused by name instead of silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (BatchSize is < 1 or > 4096)
            errors["batchSize"] = ["The batch size is 1 to 4096."];
        foreach (var field in Other?.Keys ?? Enumerable.Empty<string>())
            errors[field] = ["Only batchSize may change when a job resumes; the other options are fixed for the life of a run, because its checkpoints were made with them."];
        return errors;
    }
}
