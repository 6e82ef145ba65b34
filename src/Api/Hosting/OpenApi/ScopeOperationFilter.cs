using Microsoft.OpenApi;
using ResNetService.Api.Security;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>
/// Each operation names the scope it needs (in its description: OpenAPI lists scopes only for OAuth schemes) and both
/// ways of sending a key, so Swagger UI's Authorize button works for it.
/// </summary>
public sealed class ScopeOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().FirstOrDefault() is not { } scope)
            return;
        operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Needs a key with the `{scope.Name}` scope (or `admin`).";
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.ApiKeyScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = [] },
        ];
    }
}
