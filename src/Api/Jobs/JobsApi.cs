using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Datasets;
using ResNetService.Api.Hosting;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

public static class JobsApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/jobs").WithTags("Jobs");

        api.MapPost("/", CreateJob).RequireApiKey().WithSummary("Queue a training job on a dataset.");
        api.MapGet("/", ListJobs);
        api.MapGet("/{id}", GetJob);
        api.MapGet("/{id}/metrics", GetJobMetrics).WithSummary("The metric history, one entry per epoch.");
        api.MapDelete("/{id}", CancelJob).RequireApiKey().WithSummary("Cancel a job; a running one stops within a batch and keeps its last checkpoint.");
        api.MapPost("/{id}/resume", ResumeJob).RequireApiKey().WithSummary("Queue a cancelled, interrupted or failed job again; it continues from its last checkpoint.");
        return app;
    }

    public static Results<Accepted<JobAccepted>, ValidationProblem> CreateJob(
        CreateJobRequest request, DatasetStore datasets, RunStore runs, JobScheduler scheduler)
    {
        var dataset = ResourceIds.IsValid(request.DatasetId) ? datasets.Get(request.DatasetId) : null;
        var errors = JobValidation.Validate(request, dataset);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var id = ResourceIds.New();
        var record = runs.Create(new JobRecord(id, string.IsNullOrWhiteSpace(request.Name) ? $"{dataset!.Name}-{id[..8]}" : request.Name.Trim(),
            dataset!.Id, request.Model.ToRequest(), request.Training ?? new TrainingOptions(), JobState.Queued, DateTimeOffset.UtcNow));
        record = scheduler.Enqueue(record);
        return TypedResults.Accepted($"/jobs/{id}", new JobAccepted(id, record.State));
    }

    public static Results<Ok<JobPage>, ValidationProblem> ListJobs(RunStore runs, string? state, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1 || pageSize is < 1 or > MaxPageSize)
            errors["page"] = [$"page starts at 1; pageSize is 1 to {MaxPageSize}."];
        JobState? wanted = null;
        if (state is not null)
        {
            if (Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                wanted = parsed;
            else
                errors["state"] = [$"Use one of {string.Join(", ", Enum.GetNames<JobState>().Select(n => n.ToLowerInvariant()))}."];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var matching = runs.List().Where(r => wanted is null || r.State == wanted).ToList();
        return TypedResults.Ok(new JobPage(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, matching.Count));
    }

    public static Results<Ok<JobRecord>, ProblemHttpResult> GetJob(string id, RunStore runs) =>
        runs.Get(id) is { } record ? TypedResults.Ok(record) : Problems.NotFound("Job", id);

    public static Results<Ok<IReadOnlyList<EpochMetrics>>, ProblemHttpResult> GetJobMetrics(string id, RunStore runs) =>
        runs.Get(id) is not null ? TypedResults.Ok(runs.Metrics(id)) : Problems.NotFound("Job", id);

    public static Results<Accepted<JobRecord>, ProblemHttpResult> CancelJob(string id, RunStore runs, JobScheduler scheduler)
    {
        if (runs.Get(id) is not { } record)
            return Problems.NotFound("Job", id);
        if (record.State is not (JobState.Queued or JobState.Running or JobState.Interrupted))
            return Problems.Conflict("Job not active", $"Job {id} is {record.State.ToString().ToLowerInvariant()}; only queued, running or interrupted jobs can be cancelled.");
        return TypedResults.Accepted($"/jobs/{id}", scheduler.Cancel(record));
    }

    public static Results<Accepted<JobAccepted>, ProblemHttpResult> ResumeJob(string id, RunStore runs, DatasetStore datasets, JobScheduler scheduler)
    {
        if (runs.Get(id) is not { } record)
            return Problems.NotFound("Job", id);
        if (record.State is not (JobState.Cancelled or JobState.Interrupted or JobState.Failed))
            return Problems.Conflict("Job cannot be resumed", $"Job {id} is {record.State.ToString().ToLowerInvariant()}; only cancelled, interrupted or failed jobs can be resumed.");
        if (datasets.Get(record.DatasetId) is null)
            return Problems.Conflict("Dataset gone", $"Dataset {record.DatasetId} of job {id} has been deleted.");
        record = scheduler.Enqueue(record);
        return TypedResults.Accepted($"/jobs/{id}", new JobAccepted(id, record.State));
    }
}
