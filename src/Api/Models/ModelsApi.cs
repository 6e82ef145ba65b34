using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Hosting;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Models;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/models").WithTags("Models");

        api.MapGet("/", ListModels).RequireScope(Scopes.Read);
        api.MapGet("/{id}", GetModel).RequireScope(Scopes.Read);
        api.MapGet("/{id}/export", ExportModel)
            .RequireScope(Scopes.Read)
            .WithSummary("Download the weights as a PyTorch state dict (format=pytorch) or safetensors (format=safetensors), or the whole network as ONNX (format=onnx).");
        api.MapPut("/default", PinDefaultModel).RequireScope(Scopes.Admin)
            .WithSummary("Pin the model that /classify uses when none is named (otherwise the newest).");
        api.MapDelete("/{id}", DeleteModel).RequireScope(Scopes.Admin);
        return app;
    }

    public static Ok<List<ModelListItem>> ListModels(ModelStore store)
    {
        var pinned = store.Default()?.Id;
        return TypedResults.Ok(store.List().Select(model => ModelListItem.Of(model, model.Id == pinned)).ToList());
    }

    public static Results<Ok<ModelDetails>, ProblemHttpResult> GetModel(string id, ModelStore store) =>
        store.Get(id) is { } model ? TypedResults.Ok(ModelDetails.Of(model, store.Default()?.Id == id)) : Problems.NotFound("Model", id);

    public static Results<Ok<DefaultModel>, ProblemHttpResult> PinDefaultModel(DefaultModel request, ModelStore store)
    {
        if (store.Get(request.ModelId) is null)
            return Problems.NotFound("Model", request.ModelId);
        store.Pin(request.ModelId);
        return TypedResults.Ok(request);
    }

    public static async Task<Results<PhysicalFileHttpResult, ValidationProblem, ProblemHttpResult>> ExportModel(string id, string format, ModelStore store)
    {
        if (store.Get(id) is not { } model)
            return Problems.NotFound("Model", id);
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var exportFormat) || !Enum.IsDefined(exportFormat))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"Unknown format '{format}'; use one of: {string.Join(", ", ModelExport.FormatNames)}."] });
        try
        {
            var path = await Task.Run(() => store.Export(model, exportFormat));
            return TypedResults.PhysicalFile(path, "application/octet-stream", $"{model.Name}-{model.Id}{ModelExport.FileExtension(exportFormat)}");
        }
        catch (CheckpointException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Model unavailable", detail: e.Message);
        }
    }

    public static Results<NoContent, ProblemHttpResult> DeleteModel(string id, ModelStore store) =>
        store.Delete(id) ? TypedResults.NoContent() : Problems.NotFound("Model", id);
}
