using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>The groups the endpoints are tagged with, each described once for the OpenAPI description.</summary>
public sealed class ApiTags : IDocumentFilter
{
    public const string Datasets = "Datasets";
    public const string Jobs = "Jobs";
    public const string Sweeps = "Sweeps";
    public const string Models = "Models";
    public const string Classification = "Classification";
    public const string Architectures = "Architectures";
    public const string Keys = "Keys";

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        [Datasets] = "Labelled images to train on: upload an archive (image folders, IDX or CIFAR binary) or register a folder on the server; each answers with its classes, image counts per split and shape.",
        [Jobs] = "Training runs: queue one on a dataset (from scratch or from a model), follow its progress and metrics (also live as Server-Sent Events), cancel, resume, delete.",
        [Sweeps] = "Hyperparameter searches: many jobs from one base job over ranges of its options, random or grid, with ASHA stopping weak trials early and promoting the best from their checkpoints.",
        [Models] = "What a job trains (or an import makes): the card with test metrics, exports as PyTorch, safetensors or ONNX, the default model, weights trained elsewhere.",
        [Classification] = "Top labels of images with a model, optionally with a Grad-CAM heatmap of where the evidence was.",
        [Architectures] = "The architecture table of a ResNet configuration (shapes, parameters, multiply-adds), without building it.",
        [Keys] = "API keys made at run time, each with scopes (read, train, classify, admin); their secrets are shown once.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Tags = Descriptions.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }).ToHashSet();
}
