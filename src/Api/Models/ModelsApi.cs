using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromFormAttribute = Microsoft.AspNetCore.Mvc.FromFormAttribute;
using Microsoft.Extensions.Options;
using ResNetService.Api.Classification;
using ResNetService.Api.Hosting;
using ResNetService.Api.Jobs;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Import;

namespace ResNetService.Api.Models;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app, LimitsOptions limits)
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
        api.MapPost("/import", ImportModel)
            .RequireScope(Scopes.Train)
            .RequireRateLimiting(RateLimits.Uploads)
            // Authenticated by API key, never by cookie, so there is no cross-site form to protect against.
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(limits.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxUploadBytes)
            .WithSummary("Make a model of weights trained elsewhere (or exported here): multipart file, architecture (JSON), classes, optional mean, std, format, name.")
            .WithDescription("Every tensor is checked against the architecture (names, shapes, NaN and infinity) before anything is stored; a file that fails is a 400 whose errors.file lists every problem. The model serves /classify and can start a job (model.from). A checkpoint (format=checkpoint, as the import verb writes) needs no architecture or classes: it carries its own.");
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

    public static async Task<Results<Created<ModelDetails>, ValidationProblem>> ImportModel(
        [FromForm] ImportModelForm form, ModelStore store, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (form.File is null)
            errors["file"] = ["Attach the weights file as the part 'file'."];
        var format = ImportFields.Format(form.Format, form.File?.FileName, errors);
        var spec = new ModelImportSpec(
            ImportFields.Architecture(form.Architecture, json.Value.SerializerOptions, errors), ImportFields.Classes(form.Classes, errors),
            ImportFields.Numbers(form.Mean, "mean", errors), ImportFields.Numbers(form.Std, "std", errors));
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        try
        {
            await using var upload = form.File!.OpenReadStream();
            var model = await store.ImportAsync(upload, form.File.FileName, format!.Value, spec, form.Name, errors, cancellationToken);
            return model is null
                ? TypedResults.ValidationProblem(errors)
                : TypedResults.Created($"/models/{model.Id}", ModelDetails.Of(model, store.Default()?.Id == model.Id));
        }
        catch (WeightsImportException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. e.Problems] }, detail: e.Message, title: "Weights refused");
        }
    }

    public static Results<NoContent, ProblemHttpResult> DeleteModel(string id, ModelStore store, RunStore runs, ModelLookup lookup)
    {
        if (runs.ActiveFrom(id) is { } job)
            return Problems.Conflict("Model in use", $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()} and starts from this model; cancel it first.");
        if (!store.Delete(id))
            return Problems.NotFound("Model", id);
        lookup.Forget(id);
        return TypedResults.NoContent();
    }
}
