using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Classification;
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

        api.MapGet("/", ListModels);
        api.MapGet("/{id}", GetModel);
        api.MapGet("/{id}/export", ExportModel)
            .WithSummary("Download the weights as a PyTorch state dict (format=pytorch) or safetensors (format=safetensors), or the whole network as ONNX (format=onnx).");
        api.MapPut("/default", PinDefaultModel).RequireApiKey()
            .WithSummary("Pin the model that /classify uses when none is named (otherwise the newest).");
        api.MapDelete("/{id}", DeleteModel).RequireApiKey();
        return app;
    }

    public static Ok<List<ModelListItem>> ListModels(ModelStore store)
    {
        var pinned = store.Default()?.Id;
        return TypedResults.Ok(store.List().Select(model => ModelListItem.Of(model, model.Id == pinned)).ToList());
    }

    public static Results<Ok<ModelDetails>, ProblemHttpResult> GetModel(string id, ModelStore store) =>
        store.Get(id) is { } model ? TypedResults.Ok(ModelDetails.Of(model, store.Default()?.Id == id)) : Problems.NotFound("Model", id);

    /// <summary>The model is loaded and warmed up before it is pinned, so the first request it answers is no slower than the rest.</summary>
    public static async Task<Results<Ok<DefaultModel>, ProblemHttpResult>> PinDefaultModel(
        DefaultModel request, ModelStore store, InferenceQueue queue, ModelLookup lookup, CancellationToken cancellationToken)
    {
        if (store.Get(request.ModelId) is not { } model)
            return Problems.NotFound("Model", request.ModelId);
        try
        {
            await queue.DescribeAsync(model.Id, store.CheckpointOf(model), cancellationToken);
        }
        catch (CheckpointException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Model unavailable", detail: e.Message);
        }
        catch (InferenceBusyException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: e.Message);
        }
        store.Pin(request.ModelId);
        lookup.Forget(request.ModelId);
        return TypedResults.Ok(request);
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportModel(string id, string format, ModelStore store, DataRoot root)
    {
        if (store.Get(id) is not { } model)
            return Problems.NotFound("Model", id);
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var exportFormat) || !Enum.IsDefined(exportFormat))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"Unknown format '{format}'; use one of: {string.Join(", ", ModelExport.FormatNames)}."] });
        var path = root.NewTemporaryPath(ModelExport.FileExtension(exportFormat));
        try
        {
            await Task.Run(() =>
            {
                var loaded = ModelCheckpoint.Load(store.CheckpointOf(model));
                using var network = loaded.Model;
                ModelExport.Write(network, loaded.Description, exportFormat, path);
            });
        }
        catch (CheckpointException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Model unavailable", detail: e.Message);
        }
        // The export is made for this response only; the file goes away when the response is done with it.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, "application/octet-stream", $"{model.Name}-{model.Id}{ModelExport.FileExtension(exportFormat)}");
    }

    public static Results<NoContent, ProblemHttpResult> DeleteModel(string id, ModelStore store, ModelLookup lookup)
    {
        if (!store.Delete(id))
            return Problems.NotFound("Model", id);
        lookup.Forget(id);
        return TypedResults.NoContent();
    }
}
