using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Security;
using ResNetService.Model.Export;
using FromFormAttribute = Microsoft.AspNetCore.Mvc.FromFormAttribute;

namespace ResNetService.Api.Models;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app, LimitsOptions limits)
    {
        var api = app.MapGroup("/models").WithTags(ApiTags.Models);

        api.MapGet("/", ListModels).RequireScope(Scopes.Read)
            .WithName("ListModels")
            .WithSummary("List the models, a page at a time.")
            .WithDescription("Models trained here or imported, newest first, each with its architecture, classes and test accuracy; isDefault marks the one /classify uses when none is named; total counts them all.")
            .Refuses(StatusCodes.Status400BadRequest, "page or pageSize is out of range.");
        api.MapGet("/{id}", GetModel).RequireScope(Scopes.Read)
            .WithName("GetModel")
            .WithSummary("Get a model's card.")
            .WithDescription("Architecture, classes, preprocessing, test metrics (accuracy, loss, per class precision, recall and F1, the confusion matrix) and where it came from (the job that trained it, the model it was fine-tuned from, or the file it was imported from).")
            .Refuses(StatusCodes.Status404NotFound, "There is no model with this id.");
        api.MapGet("/{id}/export", ExportModel)
            .RequireScope(Scopes.Read)
            .WithName("ExportModel")
            .WithSummary("Download the model in another format.")
            .WithDescription("The weights as a PyTorch state dict (format=pytorch) or safetensors (format=safetensors), or the whole network as ONNX (format=onnx). Each export is made once per model and format, then kept.")
            .Answers<Stream>(StatusCodes.Status200OK, "The file, as an attachment named after the model.", "application/octet-stream")
            .Refuses(StatusCodes.Status400BadRequest, "format is not pytorch, safetensors or onnx.")
            .Refuses(StatusCodes.Status404NotFound, "There is no model with this id, or its checkpoint cannot be read.");
        api.MapPut("/default", PinDefaultModel).RequireScope(Scopes.Admin)
            .WithName("SetDefaultModel")
            .WithSummary("Pin the model that /classify uses when none is named (otherwise the newest).")
            .WithDescription("The answer repeats the pinned model's id.")
            .Refuses(StatusCodes.Status404NotFound, "There is no model with this id.");
        api.MapDelete("/{id}", DeleteModel).RequireScope(Scopes.Admin)
            .WithName("DeleteModel")
            .WithSummary("Delete a model and its files.")
            .WithDescription("Its exports go with it; the job that trained it keeps its record. If it was the default, /classify falls back to the newest model.")
            .Refuses(StatusCodes.Status404NotFound, "There is no model with this id.")
            .Refuses(StatusCodes.Status409Conflict, "A job that has not finished starts from this model; cancel it first.");
        api.MapPost("/import", ImportModel)
            .RequireScope(Scopes.Train)
            .AcceptsUpload(limits.MaxUploadBytes, RateLimits.Uploads)
            // A form of weights is a file upload: multipart only, though the binder would read a URL-encoded form too.
            .Accepts<ImportModelForm>("multipart/form-data")
            .WithName("ImportModel")
            .WithSummary("Make a model of weights trained elsewhere (or exported here): multipart file, architecture (JSON), classes, optional mean, std, format, name.")
            .WithDescription("Every tensor is checked against the architecture (names, shapes, NaN and infinity) before anything is stored; a file that fails is a 400 whose errors.file lists every problem. The model serves /classify and can start a job (model.from). A checkpoint (format=checkpoint, as the import verb writes) needs no architecture or classes: it carries its own.")
            .Refuses(StatusCodes.Status400BadRequest, "A field is invalid, the network has more parameters than Limits:MaxModelParameters allows, or the weights do not fit the architecture: errors names each problem.")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "Another import is being converted (one runs at a time); try again after Retry-After seconds.");
        return app;
    }

    /// <param name="page">From 1.</param>
    /// <param name="pageSize">Models per page, 1 to 200.</param>
    public static Results<Ok<ModelPage>, ValidationProblem> ListModels(ModelStore store, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Paging.Problem(page, pageSize) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = problem });
        var pinned = store.Default()?.Id;
        var (items, total) = store.Page(page, pageSize);
        return TypedResults.Ok(new ModelPage(items.Select(model => ModelListItem.Of(model, model.Id == pinned)).ToList(), page, pageSize, total));
    }

    /// <param name="id">The model's id.</param>
    public static Results<Ok<ModelDetails>, ProblemHttpResult> GetModel(string id, ModelStore store) =>
        store.Get(id) is { } model ? TypedResults.Ok(ModelDetails.Of(model, store.Default()?.Id == id)) : Problems.NotFound("Model", id);

    /// <summary>The model is loaded and warmed up before it is pinned, so the first request it answers is no slower than the rest.</summary>
    public static async Task<Results<Ok<DefaultModel>, ProblemHttpResult>> PinDefaultModel(
        DefaultModel request, ModelStore store, IServingWarmup serving, ModelLookup lookup, CancellationToken cancellationToken)
    {
        if (store.Get(request.ModelId) is not { } model)
            return Problems.NotFound("Model", request.ModelId);
        await serving.WarmAsync(model.Id, store.CheckpointOf(model), cancellationToken);
        store.Pin(request.ModelId);
        lookup.Forget(request.ModelId);
        return TypedResults.Ok(request);
    }

    /// <param name="id">The model's id.</param>
    /// <param name="format">pytorch, safetensors or onnx.</param>
    public static async Task<Results<PhysicalFileHttpResult, ValidationProblem, ProblemHttpResult>> ExportModel(string id, string format, ModelStore store)
    {
        if (store.Get(id) is not { } model)
            return Problems.NotFound("Model", id);
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var exportFormat) || !Enum.IsDefined(exportFormat))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"Unknown format '{format}'; use one of: {string.Join(", ", ModelExport.FormatNames)}."] });
        var path = await Task.Run(() => store.Export(model, exportFormat));
        return TypedResults.PhysicalFile(path, "application/octet-stream", $"{model.Name}-{model.Id}{ModelExport.FileExtension(exportFormat)}");
    }

    public static async Task<Results<Created<ModelDetails>, ValidationProblem, ProblemHttpResult>> ImportModel(
        [FromForm] ImportModelForm form, ModelStore store, IOptions<JsonOptions> json, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (form.File is null)
            errors["file"] = ["Attach the weights file as the part 'file'."];
        var format = ImportFields.Format(form.Format, form.File?.FileName, errors);
        var spec = new ModelImportSpec(
            ImportFields.Architecture(form.Architecture, json.Value.SerializerOptions, errors), ImportFields.Classes(form.Classes, errors),
            ImportFields.Numbers(form.Mean, "mean", errors), ImportFields.Numbers(form.Std, "std", errors), limits.Value.MaxModelParameters,
            ImportFields.EvalTransform(form.EvalTransform, errors));
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        await using var upload = form.File!.OpenReadStream();
        var model = await store.ImportAsync(upload, form.File.FileName, format!.Value, spec, form.Name, errors, cancellationToken);
        return model is null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Created($"/models/{model.Id}", ModelDetails.Of(model, store.Default()?.Id == model.Id));
    }

    /// <param name="id">The model's id.</param>
    public static Results<NoContent, ProblemHttpResult> DeleteModel(string id, ModelStore store, ModelLookup lookup)
    {
        var deletion = store.Delete(id);
        if (deletion.InUseBy is { } job)
            return Problems.Conflict("Model in use", $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()} and starts from this model; cancel it first.");
        if (!deletion.Deleted)
            return Problems.NotFound("Model", id);
        lookup.Forget(id);
        return TypedResults.NoContent();
    }
}
