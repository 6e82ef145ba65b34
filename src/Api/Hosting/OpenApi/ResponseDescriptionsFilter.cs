using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using ResNetService.Api.Hosting.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>
/// Says when each declared answer is given (<see cref="DescribedResponses"/>), where the description would otherwise
/// only repeat the status's name.
/// </summary>
public sealed class ResponseDescriptionsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null)
            return;
        foreach (var declared in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (declared.Description is { } description
                && operation.Responses.TryGetValue(declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response is OpenApiResponse concrete)
                concrete.Description = description;
        }
    }
}
