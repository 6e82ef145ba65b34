using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Security;
using ResNetService.Training.Engine;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/jobs").WithTags(ApiTags.Jobs);

        api.MapPost("/", CreateJob).RequireScope(Scopes.Train).Accepts<CreateJobRequest>("application/json")
            .WithName("CreateJob")
            .WithSummary("Queue a training job on a dataset, from scratch or starting from a model (model.from).")
            .WithDescription("model.from takes that model's architecture, input size and weights; its classifier carries over when the dataset has the same classes in the same order, else it is re-initialised (classifierReinitialised). Training fields left out get the fine-tuning defaults (GET /jobs/defaults?fineTuning=true) where they differ. training.classBalance: none, weights (loss weights inverse to each class's share) or sampler (every class drawn equally often). training.freeze: none, stem or stageK. Follow the job with GET /jobs/{id} or GET /jobs/{id}/events; when it succeeds, its modelId names the model it made.")
            .Refuses(StatusCodes.Status400BadRequest, "A field is invalid: errors names each (datasetId, model.depth, training.epochs, ...).")
            .Refuses(StatusCodes.Status404NotFound, "model.from names no model.");
        api.MapGet("/", ListJobs).RequireScope(Scopes.Read)
            .WithName("ListJobs")
            .WithSummary("List the jobs, a page at a time.")
            .WithDescription("Newest first, each with its state, progress and latest epoch's metrics; state= keeps the jobs in that state.")
            .Refuses(StatusCodes.Status400BadRequest, "state is not a job state, or page or pageSize is out of range.");
        api.MapGet("/defaults", GetDefaults)
            .RequireScope(Scopes.Read)
            .WithName("GetJobDefaults")
            .WithSummary("The training options a job gets for every field it leaves out.")
            .WithDescription("fineTuning=true: those of a job that starts from a model (model.from), which differ in learning rate and warm-up.");
        api.MapGet("/{id}", GetJob).RequireScope(Scopes.Read)
            .WithName("GetJob")
            .WithSummary("Get a job: its state, progress, latest metrics, and the model it made.")
            .WithDescription("Poll it until state is succeeded (modelId is then set), failed (error says why) or cancelled.")
            .Refuses(StatusCodes.Status404NotFound, "There is no job with this id.");
        api.MapGet("/{id}/metrics", GetJobMetrics).RequireScope(Scopes.Read)
            .WithName("GetJobMetrics")
            .WithSummary("The metric history, one entry per epoch.")
            .WithDescription("Training and validation loss and accuracy, learning rate and duration of every epoch finished so far.")
            .Refuses(StatusCodes.Status404NotFound, "There is no job with this id.");
        api.MapGet("/{id}/events", StreamJobEvents)
            .RequireScope(Scopes.Read)
            .RequireRateLimiting(RateLimits.EventStreams)
            .WithName("StreamJobEvents")
            .WithSummary("Live updates as Server-Sent Events: 'epoch' (one epoch's metrics) and 'job' (the job as GET /jobs/{id} answers it, with its progress), sent as they change; the stream ends when the job does.")
            .WithDescription("Try it with curl -N http://localhost:8080/jobs/{id}/events. Each event's data is one JSON document. The epochs recorded so far come first; the record is read every half second, so the stream follows a run whichever worker process trains it. "
                + "A key (or, without one, a client address) may hold RateLimits:EventStreamsPerKey streams open at once (8 by default); a stream ends within half a second of its key being revoked.")
            .Refuses(StatusCodes.Status404NotFound, "There is no job with this id.");
        api.MapDelete("/{id}", CancelOrDeleteJob).RequireScope(Scopes.Train)
            .WithName("CancelOrDeleteJob")
            .WithSummary("Cancel an active job, or delete a finished one.")
            .WithDescription("An active job is cancelled (202; a running one stops within a batch and keeps its last checkpoint, so it can be resumed). A finished one (succeeded, failed, cancelled) is deleted with its checkpoints (204; its model stays); deleting needs the admin scope.")
            .Refuses(StatusCodes.Status403Forbidden, "The job has finished and deleting it needs the `admin` scope.")
            .Refuses(StatusCodes.Status404NotFound, "There is no job with this id.")
            .Refuses(StatusCodes.Status409Conflict, "The job changed state meanwhile, or it is a finished trial of a running sweep; look at it again before retrying.");
        api.MapPost("/{id}/resume", ResumeJob).RequireScope(Scopes.Train)
            .WithName("ResumeJob")
            .WithSummary("Queue a cancelled, interrupted or failed job again.")
            .WithDescription("It continues from its last checkpoint. The optional body may give a new batchSize (the one option that may change: a run that ran out of memory resumes with a smaller one).")
            .Refuses(StatusCodes.Status400BadRequest, "batchSize is out of range, or the body sets another option.")
            .Refuses(StatusCodes.Status404NotFound, "There is no job with this id.")
            .Refuses(StatusCodes.Status409Conflict, "The job is queued, running or succeeded, or its dataset or source model has been deleted.");
        return app;
    }

    /// <param name="fineTuning">true: the defaults of a job that starts from a model (model.from).</param>
    public static Ok<TrainingOptions> GetDefaults(bool fineTuning = false) => TypedResults.Ok(TrainingDefaults.For(fineTuning));

    public static Results<Accepted<JobAccepted>, ValidationProblem, ProblemHttpResult> CreateJob(
        CreateJobRequest request, [AsParameters] JobServices services, IOptions<LimitsOptions> limits, IOptions<JsonOptions> json)
    {
        var (datasets, health, models, runs, scheduler) = services;
        ModelRow? source = null;
        if (request.Model?.From is { } from && (source = models.Get(from)) is null)
            return Problems.NotFound("Model", from);
        var dataset = datasets.Get(request.DatasetId);
        var training = (request.Training ?? TrainingRequest.None).Resolve(fineTuning: source is not null, json.Value.SerializerOptions);
        var errors = JobValidation.Validate(request, training, dataset, source, limits.Value.MaxModelParameters);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var run = NewRun.For(request, training, dataset!, source);
        // Deleted between the checks above and now: answered as if it had been gone before.
        switch (runs.Create(run))
        {
            case RunInput.Dataset:
                return TypedResults.ValidationProblem(JobValidation.Validate(request, training, null, source, limits.Value.MaxModelParameters));
            case RunInput.SourceModel:
                return Problems.NotFound("Model", source!.Id);
        }
        scheduler.Submit(run);
        return TypedResults.Accepted($"/jobs/{run.Id}", new JobAccepted(run.Id, JobState.Queued, health.ProblemsOf(run.DatasetId)));
    }

    /// <param name="state">queued, running, succeeded, failed, cancelled or interrupted; unset: every state.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">Jobs per page, 1 to 200.</param>
    public static Results<Ok<JobPage>, ValidationProblem> ListJobs(RunStore runs, string? state, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (Paging.Problem(page, pageSize) is { } pageProblem)
            errors["page"] = pageProblem;
        var wanted = StateFilter.Parse<JobState>(state, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var (items, total) = runs.Page(wanted, page, pageSize);
        var latest = runs.LatestMetrics(items.Select(r => r.Id).ToList());
        return TypedResults.Ok(new JobPage(items.Select(r => JobDetails.Of(r, latest.GetValueOrDefault(r.Id))).ToList(), page, pageSize, total));
    }

    /// <param name="id">The job's id.</param>
    public static Results<Ok<JobDetails>, ProblemHttpResult> GetJob(string id, RunStore runs) =>
        runs.Get(id) is { } run ? TypedResults.Ok(Details(run, runs)) : Problems.NotFound("Job", id);

    /// <param name="id">The job's id.</param>
    public static Results<Ok<IReadOnlyList<EpochMetrics>>, ProblemHttpResult> GetJobMetrics(string id, RunStore runs) =>
        runs.Get(id) is not null ? TypedResults.Ok(runs.Metrics(id)) : Problems.NotFound("Job", id);

    /// <param name="id">The job's id.</param>
    public static Results<ServerSentEventsResult<string>, ProblemHttpResult> StreamJobEvents(
        string id, ClaimsPrincipal user, RunStore runs, ApiKeyStore keys, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (runs.Get(id) is null)
            return Problems.NotFound("Job", id);
        return TypedResults.ServerSentEvents(JobEventStream.Read(id, runs, json.Value.SerializerOptions, keys.MayRead(user), cancellationToken));
    }

    /// <param name="id">The job's id.</param>
    public static Results<Accepted<JobDetails>, NoContent, ProblemHttpResult> CancelOrDeleteJob(
        string id, ClaimsPrincipal user, RunStore runs, RunCancellation cancellation)
    {
        if (runs.Get(id) is not { } run)
            return Problems.NotFound("Job", id);
        if (JobTransitions.IsFinished(run.State))
        {
            if (!user.HasScope(Scopes.Admin))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope missing",
                    detail: $"Job {id} is {Name(run.State)}; deleting it (with its checkpoints) needs the 'admin' scope.");
            // The sweep decides from its trials' records: a trial deleted from under it would be made again.
            if (runs.IsTrialOfRunningSweep(run))
                return Problems.Conflict("Trial of a running sweep", $"Job {id} is a trial of sweep {run.SweepId}, which is running; cancel the sweep (DELETE /sweeps/{run.SweepId}) first.");
            return runs.Delete(id) ? TypedResults.NoContent() : Changed(id, runs);
        }
        return cancellation.TryCancel(run) ? TypedResults.Accepted($"/jobs/{id}", Details(runs.Get(id)!, runs)) : Changed(id, runs);
    }

    /// <param name="id">The job's id.</param>
    public static Results<Accepted<JobAccepted>, ValidationProblem, ProblemHttpResult> ResumeJob(
        string id, ResumeJobRequest? request, [AsParameters] JobServices services)
    {
        var (datasets, health, models, runs, scheduler) = services;
        if (runs.Get(id) is not { } run)
            return Problems.NotFound("Job", id);
        if (request?.Validate() is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        if (!JobTransitions.IsResumable(run.State))
            return Problems.Conflict("Job cannot be resumed", $"Job {id} is {Name(run.State)}; only cancelled, interrupted or failed jobs can be resumed (a paused sweep trial goes on when its sweep promotes it).");
        var training = request?.BatchSize is { } batchSize ? run.Training with { BatchSize = batchSize } : run.Training;
        var (requeued, gone) = runs.Requeue(id, training);
        if (gone == RunInput.Dataset)
            return Problems.Conflict("Dataset gone", $"Dataset {run.DatasetId} of job {id} has been deleted.");
        if (gone == RunInput.SourceModel)
            return Problems.Conflict("Model gone", $"Model {run.SourceModelId}, which job {id} starts from, has been deleted.");
        if (!requeued)
            return Changed(id, runs);
        scheduler.Submit(runs.Get(id)!);
        return TypedResults.Accepted($"/jobs/{id}", new JobAccepted(id, JobState.Queued, health.ProblemsOf(run.DatasetId)));
    }

    private static JobDetails Details(RunRow run, RunStore runs) =>
        JobDetails.Of(run, runs.LatestMetrics([run.Id]).GetValueOrDefault(run.Id));

    /// <summary>Another request or a worker changed the job between reading it and changing it.</summary>
    private static ProblemHttpResult Changed(string id, RunStore runs) =>
        runs.Get(id) is { } now
            ? Problems.Conflict("Job changed", $"Job {id} is now {Name(now.State)}; look at it again before retrying.")
            : Problems.NotFound("Job", id);

    private static string Name(JobState state) => state.ToString().ToLowerInvariant();
}
