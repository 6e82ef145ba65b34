using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ResNetService.Api.Architectures;
using ResNetService.Api.Jobs;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.OpenApi;

/// <summary>Fills Swagger UI's "try it out" bodies with requests that work as they are.</summary>
public sealed class RequestExamplesFilter : ISchemaFilter
{
    private static readonly Dictionary<Type, Func<JsonNode>> Examples = new()
    {
        [typeof(SummaryRequest)] = () => new JsonObject
        {
            ["inputChannels"] = 3, ["inputHeight"] = 32, ["inputWidth"] = 32, ["classes"] = 10, ["depth"] = 20,
        },
        [typeof(CreateJobRequest)] = () => new JsonObject
        {
            ["datasetId"] = "paste the id returned by POST /datasets",
            ["name"] = "pets-resnet20",
            ["model"] = new JsonObject { ["depth"] = 20 },
            ["training"] = new JsonObject { ["epochs"] = 10, ["batchSize"] = 128, ["learningRate"] = 0.1, ["schedule"] = "cosine" },
        },
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
            concrete.Example = example();
    }
}
