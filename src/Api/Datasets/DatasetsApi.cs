using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Security;
using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

public static class DatasetsApi
{
    private const int MaxSamplesPerClass = 32;
    private const int MaxNamedSamples = 100;

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app, LimitsOptions limits)
    {
        var api = app.MapGroup("/datasets").WithTags(ApiTags.Datasets);

        api.MapGet("/", ListDatasets).RequireScope(Scopes.Read)
            .WithName("ListDatasets")
            .WithSummary("List the datasets, a page at a time.")
            .WithDescription("Registered datasets, uploaded or imported, newest first, each with its classes, image counts per split and image shape; total counts them all.")
            .Refuses(StatusCodes.Status400BadRequest, "page or pageSize is out of range.");
        api.MapGet("/{id}", GetDataset).RequireScope(Scopes.Read)
            .WithName("GetDataset")
            .WithSummary("Get a dataset.")
            .WithDescription("Its format, classes, image counts per split, image shape, and the files skipped while reading it.")
            .Refuses(StatusCodes.Status404NotFound, "There is no dataset with this id.");
        api.MapGet("/{id}/samples", GetSamples)
            .RequireScope(Scopes.Read)
            .WithName("GetDatasetSamples")
            .WithSummary("Thumbnails of a dataset's first training images, or of named images.")
            .WithDescription("The first training images of each class (or of one class), shrunk to thumbnails and sent as base64 PNGs read from the dataset's own files. "
                + "With name= (repeated, up to 100): those images of any split instead, named as the health report names them (the duplicate pairs side by side).")
            .Refuses(StatusCodes.Status400BadRequest, "class is not one of the dataset's classes, or count, size or the number of names is out of range.")
            .Refuses(StatusCodes.Status404NotFound, "There is no dataset with this id, or its files cannot be read.");
        api.MapPost("/", UploadDataset)
            .RequireScope(Scopes.Train)
            .AcceptsUpload(limits.MaxUploadBytes, RateLimits.Uploads)
            .WithName("UploadDataset")
            .WithSummary("Upload a dataset archive.")
            .WithDescription("A zip, tar or tar.gz archive (multipart part `file`) of image folders (one per class, optionally under train/, val/ and test/), "
                + "IDX files (MNIST's format) or CIFAR binary batches; `name` is optional (default: the file name). The archive is extracted, checked and read "
                + "once; the answer is the dataset with its classes and counts.")
            .Refuses(StatusCodes.Status400BadRequest, "The archive is not one of the formats, is damaged, breaks the extraction limits, or holds no usable dataset.");
        api.MapPost("/import", ImportDataset)
            .RequireScope(Scopes.Train)
            .WithName("ImportDataset")
            .WithSummary("Register a dataset folder already on the server.")
            .WithDescription("The folder must lie under Storage:ImportRoot; its files stay where they are and are read in place.")
            .Refuses(StatusCodes.Status400BadRequest, "No path was given, or the folder holds no usable dataset.")
            .Refuses(StatusCodes.Status403Forbidden, "Importing is switched off (no Storage:ImportRoot) or the folder is outside it.");
        api.MapDelete("/{id}", DeleteDataset).RequireScope(Scopes.Admin)
            .WithName("DeleteDataset")
            .WithSummary("Delete a dataset and its files.")
            .WithDescription("Jobs and models made from it keep their records; an imported dataset's folder is left alone.")
            .Refuses(StatusCodes.Status404NotFound, "There is no dataset with this id.")
            .Refuses(StatusCodes.Status409Conflict, "A job that has not finished (queued, running or interrupted) trains on the dataset; cancel it first.");
        return app;
    }

    /// <param name="page">From 1.</param>
    /// <param name="pageSize">Datasets per page, 1 to 200.</param>
    public static Results<Ok<DatasetPage>, ValidationProblem> ListDatasets(DatasetStore store, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Paging.Problem(page, pageSize) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = problem });
        var (items, total) = store.Page(page, pageSize);
        return TypedResults.Ok(new DatasetPage(items.Select(DatasetDetails.Of).ToList(), page, pageSize, total));
    }

    /// <param name="id">The dataset's id.</param>
    public static Results<Ok<DatasetDetails>, ProblemHttpResult> GetDataset(string id, DatasetStore store) =>
        store.Get(id) is { } dataset ? TypedResults.Ok(DatasetDetails.Of(dataset)) : Problems.NotFound("Dataset", id);

    /// <param name="id">The dataset's id.</param>
    /// <param name="className">A class name; unset: every class.</param>
    /// <param name="count">Images per class, 1 to 32.</param>
    /// <param name="size">Longest side of a thumbnail in pixels, 8 to 256; smaller images keep their size.</param>
    /// <param name="names">Images by name, as GET /datasets/{id}/health names them; class and count then do not apply.</param>
    public static async Task<Results<Ok<IReadOnlyList<DatasetSample>>, ValidationProblem, ProblemHttpResult>> GetSamples(
        string id, DatasetStore store, SampleIndexCache indices, CancellationToken cancellationToken, [FromQuery(Name = "class")] string? className = null,
        int count = 4, int size = 64, [FromQuery(Name = "name")] string[]? names = null)
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
        if (names is { Length: > MaxNamedSamples })
            errors["name"] = [$"At most {MaxNamedSamples} names at once."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        try
        {
            // The dataset is read once for its index; each request then decodes only the images it returns. Images by
            // name (at most a page of a health report's findings) come from any split, so they are looked up in the dataset.
            return TypedResults.Ok(await Task.Run(() => names is { Length: > 0 }
                ? DatasetSamples.Named(store.FilesOf(dataset), store.ReadOptions, names.ToHashSet(StringComparer.Ordinal), size)
                : DatasetSamples.Read(
                    indices.Get(id, () => SampleIndex.Read(store.FilesOf(dataset), store.ReadOptions, MaxSamplesPerClass)),
                    className is null ? null : classIndex, count, size), cancellationToken));
        }
        catch (DatasetException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dataset unavailable", detail: e.Message);
        }
    }

    public static async Task<Results<Created<DatasetDetails>, ProblemHttpResult>> UploadDataset(
        IFormFile file, [FromForm] string? name, DatasetStore store, IDatasetChecks checks, CancellationToken cancellationToken)
    {
        await using var content = file.OpenReadStream();
        var dataset = await store.CreateFromArchiveAsync(content, file.FileName, name, cancellationToken);
        checks.Queue(dataset.Id);
        return TypedResults.Created($"/datasets/{dataset.Id}", DatasetDetails.Of(dataset));
    }

    public static async Task<Results<Created<DatasetDetails>, ValidationProblem, ProblemHttpResult>> ImportDataset(
        ImportDatasetRequest request, DatasetStore store, IDatasetChecks checks)
    {
        if (string.IsNullOrWhiteSpace(request.Path) || request.Path.Any(char.IsControl))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["Give the folder to register, a path under Storage:ImportRoot."] });
        var dataset = await Task.Run(() => store.Import(request.Path, request.Name));
        checks.Queue(dataset.Id);
        return TypedResults.Created($"/datasets/{dataset.Id}", DatasetDetails.Of(dataset));
    }

    /// <param name="id">The dataset's id.</param>
    public static Results<NoContent, ProblemHttpResult> DeleteDataset(string id, DatasetStore store, SampleIndexCache indices)
    {
        var deletion = store.Delete(id);
        if (deletion.InUseBy is { } job)
            return Problems.Conflict("Dataset in use", $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()} on this dataset; cancel it first.");
        if (!deletion.Deleted)
            return Problems.NotFound("Dataset", id);
        indices.Forget(id);
        return TypedResults.NoContent();
    }
}
