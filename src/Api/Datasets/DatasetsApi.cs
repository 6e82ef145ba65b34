using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ResNetService.Api.Hosting;
using ResNetService.Api.Jobs;
using ResNetService.Api.Security;
using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

public static class DatasetsApi
{
    private const int MaxSamplesPerClass = 32;

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app, LimitsOptions limits)
    {
        var api = app.MapGroup("/datasets").WithTags("Datasets");

        api.MapGet("/", ListDatasets).RequireScope(Scopes.Read);
        api.MapGet("/{id}", GetDataset).RequireScope(Scopes.Read);
        api.MapGet("/{id}/samples", GetSamples)
            .RequireScope(Scopes.Read)
            .WithSummary("Thumbnails of the first training images of each class (or of one class), as base64 PNGs read from the dataset's own files.");
        api.MapPost("/", UploadDataset)
            .RequireScope(Scopes.Train)
            .RequireRateLimiting(RateLimits.Uploads)
            // Authenticated by API key, never by cookie, so there is no cross-site form to protect against.
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(limits.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxUploadBytes)
            .WithSummary("Upload a zip, tar or tar.gz archive of a dataset (image folders, IDX or CIFAR binary).");
        api.MapPost("/import", ImportDataset)
            .RequireScope(Scopes.Train)
            .WithSummary("Register a dataset folder already on the server, under Storage:ImportRoot.");
        api.MapDelete("/{id}", DeleteDataset).RequireScope(Scopes.Admin);
        return app;
    }

    public static Ok<List<DatasetDetails>> ListDatasets(DatasetStore store) => TypedResults.Ok(store.List().Select(DatasetDetails.Of).ToList());

    public static Results<Ok<DatasetDetails>, ProblemHttpResult> GetDataset(string id, DatasetStore store) =>
        store.Get(id) is { } dataset ? TypedResults.Ok(DatasetDetails.Of(dataset)) : Problems.NotFound("Dataset", id);

    /// <param name="class">A class name; unset: every class.</param>
    /// <param name="count">Images per class, 1 to 32.</param>
    /// <param name="size">Longest side of a thumbnail in pixels, 8 to 256; smaller images keep their size.</param>
    public static async Task<Results<Ok<IReadOnlyList<DatasetSample>>, ValidationProblem, ProblemHttpResult>> GetSamples(
        string id, DatasetStore store, CancellationToken cancellationToken, [FromQuery(Name = "class")] string? className = null, int count = 4, int size = 64)
    {
        if (store.Get(id) is not { } dataset)
            return Problems.NotFound("Dataset", id);
        var errors = new Dictionary<string, string[]>();
        var classIndex = className is null ? -1 : dataset.Manifest.Classes.ToList().IndexOf(className);
        if (className is not null && classIndex < 0)
            errors["class"] = [$"The dataset has no class '{className}'; its classes are {string.Join(", ", dataset.Manifest.Classes)}."];
        if (count is < 1 or > MaxSamplesPerClass)
            errors["count"] = [$"count is 1 to {MaxSamplesPerClass}."];
        if (size is < 8 or > 256)
            errors["size"] = ["size is 8 to 256 pixels."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        try
        {
            return TypedResults.Ok(await Task.Run(() => DatasetSamples.Read(store.FilesOf(dataset), store.ReadOptions, className is null ? null : classIndex, count, size), cancellationToken));
        }
        catch (DatasetException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dataset unavailable", detail: e.Message);
        }
    }

    public static async Task<Results<Created<DatasetDetails>, ProblemHttpResult>> UploadDataset(
        IFormFile file, [FromForm] string? name, DatasetStore store, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = file.OpenReadStream();
            var dataset = await store.CreateFromArchiveAsync(content, file.FileName, name, cancellationToken);
            return TypedResults.Created($"/datasets/{dataset.Id}", DatasetDetails.Of(dataset));
        }
        catch (DatasetException e)
        {
            return Problems.BadRequest("Dataset refused", e.Message);
        }
    }

    public static async Task<Results<Created<DatasetDetails>, ValidationProblem, ProblemHttpResult>> ImportDataset(ImportDatasetRequest request, DatasetStore store)
    {
        if (string.IsNullOrWhiteSpace(request.Path) || request.Path.Any(char.IsControl))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["Give the folder to register, a path under Storage:ImportRoot."] });
        try
        {
            var dataset = await Task.Run(() => store.Import(request.Path, request.Name));
            return TypedResults.Created($"/datasets/{dataset.Id}", DatasetDetails.Of(dataset));
        }
        catch (ImportRefusedException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Import refused", detail: e.Message);
        }
        catch (DatasetException e)
        {
            return Problems.BadRequest("Dataset refused", e.Message);
        }
    }

    public static Results<NoContent, ProblemHttpResult> DeleteDataset(string id, DatasetStore store, RunStore runs)
    {
        if (runs.ActiveOn(id) is { } job)
            return Problems.Conflict("Dataset in use", $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()} on this dataset; cancel it first.");
        return store.Delete(id) ? TypedResults.NoContent() : Problems.NotFound("Dataset", id);
    }
}
