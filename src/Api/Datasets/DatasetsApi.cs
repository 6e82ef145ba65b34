using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ResNetService.Api.Hosting;
using ResNetService.Api.Jobs;
using ResNetService.Api.Security;
using ResNetService.Training.Data;

namespace ResNetService.Api.Datasets;

public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app, LimitsOptions limits)
    {
        var api = app.MapGroup("/datasets").WithTags("Datasets");

        api.MapGet("/", ListDatasets);
        api.MapGet("/{id}", GetDataset);
        api.MapPost("/", UploadDataset)
            .RequireApiKey()
            // Authenticated by API key, never by cookie, so there is no cross-site form to protect against.
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(limits.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxUploadBytes)
            .WithSummary("Upload a zip, tar or tar.gz archive of a dataset (image folders, IDX or CIFAR binary).");
        api.MapPost("/import", ImportDataset)
            .RequireApiKey()
            .WithSummary("Register a dataset folder already on the server, under Storage:ImportRoot.");
        api.MapDelete("/{id}", DeleteDataset).RequireApiKey();
        return app;
    }

    public static Ok<List<DatasetDetails>> ListDatasets(DatasetStore store) => TypedResults.Ok(store.List().Select(DatasetDetails.Of).ToList());

    public static Results<Ok<DatasetDetails>, ProblemHttpResult> GetDataset(string id, DatasetStore store) =>
        store.Get(id) is { } dataset ? TypedResults.Ok(DatasetDetails.Of(dataset)) : Problems.NotFound("Dataset", id);

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
