using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Security;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>
/// The problems the request pipeline answers before an endpoint runs, declared on every operation they apply to (read
/// from the endpoint's metadata, so no endpoint can forget them): the key check (401, 403, and 503 while the records
/// database, which holds the keys, does not answer) with the cross-site check of requests that change something (403), the rate limiter (429) and the reading of a body (400, 413, 415).
/// </summary>
public sealed class PipelineProblemsFilter(IOptions<LimitsOptions> limits) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } scope)
        {
            Add(operation, context, StatusCodes.Status401Unauthorized, "No API key, or one that is not valid (mistyped, revoked).");
            Add(operation, context, StatusCodes.Status403Forbidden, HttpMethods.IsGet(context.ApiDescription.HttpMethod ?? "")
                ? $"The key lacks the `{scope.Name}` scope."
                : $"The key lacks the `{scope.Name}` scope, or a browser sent the request from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` not this service's).");
            Add(operation, context, StatusCodes.Status503ServiceUnavailable, "The records database does not answer; try again after Retry-After seconds.");
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().FirstOrDefault() is { } limit)
            Add(operation, context, StatusCodes.Status429TooManyRequests, limit.PolicyName == RateLimits.EventStreams
                ? "This key (or address) already has RateLimits:EventStreamsPerKey event streams open; close one first."
                : "This key (or address) has used its share for now; try again after Retry-After seconds.");
        if (operation.RequestBody?.Content is { } body)
        {
            var max = metadata.OfType<BodySizeLimit>().FirstOrDefault()?.MaxBytes ?? limits.Value.MaxRequestBytes;
            var types = string.Join(" or ", body.Keys);
            Add(operation, context, StatusCodes.Status400BadRequest, $"The body cannot be read as {types}.");
            Add(operation, context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {max} bytes.");
            Add(operation, context, StatusCodes.Status415UnsupportedMediaType, $"The body is not {types}.");
        }
        // Listed by status, as a reader looks them up.
        var byStatus = operation.Responses?.OrderBy(r => r.Key, StringComparer.Ordinal).ToList() ?? [];
        operation.Responses?.Clear();
        foreach (var (status, response) in byStatus)
            operation.Responses![status] = response;
    }

    /// <summary>When the endpoint declares the status itself (a busy inference queue is a 503 too), both reasons are given.</summary>
    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var declared) && declared is OpenApiResponse own)
        {
            own.Description = $"{own.Description} Or: {char.ToLowerInvariant(description[0])}{description[1..]}";
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [DescribedResponses.ProblemJson] = new()
                {
                    Schema = context.SchemaGenerator.GenerateSchema(
                        status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context.SchemaRepository),
                },
            },
        };
    }
}
