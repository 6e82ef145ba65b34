using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Security;

namespace ResNetService.Api.Datasets.Health;

/// <summary>A dataset's health report: <c>/datasets/{id}/health</c>, beside the datasets' own endpoints.</summary>
public static class DatasetHealthApi
{
    public static IEndpointRouteBuilder MapDatasetHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/datasets").WithTags(ApiTags.Datasets);

        api.MapGet("/{id}/health", GetHealth).RequireScope(Scopes.Read)
            .WithName("GetDatasetHealth")
            .WithSummary("A dataset's health report, or its progress while it is computed.")
            .WithDescription("Computed in the background on a worker after every registration: identical images within and across splits (named), near-duplicates across splits "
                + "(64-bit difference hashes within DatasetHealth:NearDuplicateDistance bits), files that cannot be decoded and why, training images per class with the ratio of the "
                + "largest to the smallest and a classBalance suggestion, image sizes and aspect ratios, grayscale among colour, images much smaller than the input size, and class "
                + "names that differ only by case or spacing; each finding has a verdict (ok, warning, problem). state is queued, running (progress counts the images read), done "
                + "(report) or failed (error).")
            .Refuses(StatusCodes.Status404NotFound, "There is no dataset with this id, or it has no health check (registered before there were any: POST starts one).");
        api.MapPost("/{id}/health", CheckHealth).RequireScope(Scopes.Train)
            .WithName("CheckDatasetHealth")
            .WithSummary("Compute a dataset's health report again.")
            .WithDescription("Queues a new health check (the earlier report is dropped), as registration does; follow it with GET /datasets/{id}/health.")
            .Refuses(StatusCodes.Status404NotFound, "There is no dataset with this id.");
        return app;
    }

    /// <param name="id">The dataset's id.</param>
    public static Results<Ok<DatasetHealth>, ProblemHttpResult> GetHealth(string id, DatasetStore store, DatasetHealthStore health)
    {
        if (store.Get(id) is null)
            return Problems.NotFound("Dataset", id);
        return health.Get(id) is { } row
            ? TypedResults.Ok(DatasetHealth.Of(row))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No health check",
                detail: $"Dataset {id} was registered before health checks; POST /datasets/{id}/health starts one.");
    }

    /// <param name="id">The dataset's id.</param>
    public static Results<Accepted<DatasetHealth>, ProblemHttpResult> CheckHealth(string id, DatasetStore store, DatasetHealthScheduler scheduler) =>
        store.Get(id) is null ? Problems.NotFound("Dataset", id) : TypedResults.Accepted($"/datasets/{id}/health", DatasetHealth.Of(scheduler.Submit(id)));
}
