using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>
/// States the default of each field of a body the service fills in itself (the training options, an architecture),
/// read from an instance made without arguments, so the description cannot drift from the code. It is said in words,
/// not as the schema's <c>default</c>: generated clients copy that into their models and would send every default
/// explicitly, and a job from a model only gets the fine-tuning defaults for the fields a request leaves out.
/// </summary>
public sealed class DefaultsInDescriptionsFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete
            || context.Type.Namespace?.StartsWith(nameof(ResNetService), StringComparison.Ordinal) != true
            || MadeWithoutArguments(context.Type) is not { } instance
            || JsonSerializer.SerializeToNode(instance, context.Type, json.Value.SerializerOptions) is not JsonObject defaults)
            return;
        var unsaid = new List<string>();
        foreach (var (name, property) in concrete.Properties!)
        {
            if (defaults[name] is not { } value)
                continue;
            if (property is OpenApiSchema field)
                field.Description = $"{field.Description}{(string.IsNullOrEmpty(field.Description) ? "" : " ")}Default: {value.ToJsonString()}.";
            else
                unsaid.Add($"{name} {value.ToJsonString()}");
        }
        // A referenced schema (an enum) takes no description beside the reference, so its default is said here.
        if (unsaid.Count > 0)
            concrete.Description = $"{concrete.Description}{(string.IsNullOrEmpty(concrete.Description) ? "" : "\n\n")}Defaults: {string.Join(", ", unsaid)}.";
    }

    private static object? MadeWithoutArguments(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is not null)
            return Activator.CreateInstance(type);
        var optional = type.GetConstructors().FirstOrDefault(c => c.GetParameters() is { Length: > 0 } parameters && parameters.All(p => p.HasDefaultValue));
        return optional?.Invoke(optional.GetParameters().Select(p => p.DefaultValue).ToArray());
    }
}
