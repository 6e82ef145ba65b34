using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>
/// Marks as required each field of a record that its constructor takes without a default: an answer always carries it
/// (null where the type allows), and a request must give it. Generated clients then type those fields as present
/// rather than every field as optional.
/// </summary>
public sealed class RecordFieldsRequiredFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete
            || context.Type.Namespace?.StartsWith(nameof(ResNetService), StringComparison.Ordinal) != true)
            return;
        // The record's primary constructor: the public one with the most parameters (the copy constructor is protected).
        var parameters = context.Type.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() ?? [];
        foreach (var parameter in parameters.Where(p => !p.HasDefaultValue && p.Name is not null))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            if (concrete.Properties!.ContainsKey(name))
                (concrete.Required ??= new HashSet<string>()).Add(name);
        }
    }
}
