using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Sweeps;

public static class SweepsApi
{
    public static IEndpointRouteBuilder MapSweepsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/sweeps").WithTags(ApiTags.Sweeps);

        api.MapPost("/", CreateSweep).RequireScope(Scopes.Train).Accepts<CreateSweepRequest>("application/json")
            .WithName("CreateSweep")
            .WithSummary("Start a hyperparameter sweep: many jobs from one base job, searching ranges of its options, weak ones stopped early (ASHA).")
            .WithDescription("job is the base job as POST /jobs takes it. searchSpace maps option names (training options such as learningRate, weightDecay, batchSize; network fields such as depth) to "
                + "{\"choice\": [...]}, {\"uniform\": [low, high]}, {\"logUniform\": [low, high]} or {\"int\": [low, high, step?]}. search: {\"kind\": \"random\", \"seed\": 0} or {\"kind\": \"grid\"} (choice and int only). "
                + "scheduler: {\"kind\": \"asha\", \"minEpochs\": 1, \"maxEpochs\": 27, \"reductionFactor\": 3} stops every trial at rungs minEpochs × factor^k and lets the best 1/factor of each rung go on from its checkpoint "
                + "(its learning-rate schedule runs over maxEpochs from the start, so a promoted trial continues the same curve); {\"kind\": \"none\"} trains every trial to the end. "
                + "objective: validationAccuracy (max) or validationLoss (min). budget: maxTrials, maxConcurrent (trials queued or training at once; Hangfire spreads them over the workers) and an optional target that ends the sweep. "
                + "Every trial is a job of its own (GET /jobs/{id}); follow the sweep with GET /sweeps/{id}.")
            .Refuses(StatusCodes.Status400BadRequest, "A field is invalid: errors names each (job.datasetId, searchSpace.learningRate, scheduler.minEpochs, budget.maxTrials, ...).");
        api.MapGet("/", ListSweeps).RequireScope(Scopes.Read)
            .WithName("ListSweeps")
            .WithSummary("List the sweeps, a page at a time.")
            .WithDescription("Newest first; state= keeps the sweeps in that state (running, finished or cancelled).")
            .Refuses(StatusCodes.Status400BadRequest, "state is not a sweep state, or page or pageSize is out of range.");
        api.MapGet("/{id}", GetSweep).RequireScope(Scopes.Read)
            .WithName("GetSweep")
            .WithSummary("Get a sweep: its trials (parameters, state, rung, best value, epochs used), the best so far, and the epochs spent against a full search.")
            .WithDescription("A trial's job is paused while it waits at a rung for a decision; once the sweep has ended, stoppedAtRung says where a trial that was not promoted stopped. epochsFullSearch is what the same trials would cost trained to the end.")
            .Refuses(StatusCodes.Status404NotFound, "There is no sweep with this id.");
        api.MapGet("/{id}/events", StreamSweepEvents)
            .RequireScope(Scopes.Read)
            .RequireRateLimiting(RateLimits.EventStreams)
            .WithName("StreamSweepEvents")
            .WithSummary("Live updates as Server-Sent Events: 'sweep' (the sweep as GET /sweeps/{id} answers it), sent whenever it changes; the stream ends when the sweep does.")
            .WithDescription("Try it with curl -N http://localhost:8080/sweeps/{id}/events. The records are read every half second, so the stream follows the sweep whichever processes train its trials. "
                + "Streams count against RateLimits:EventStreamsPerKey as the jobs' do; a stream ends within half a second of its key being revoked.")
            .Refuses(StatusCodes.Status404NotFound, "There is no sweep with this id.");
        api.MapDelete("/{id}", CancelSweep).RequireScope(Scopes.Train)
            .WithName("CancelSweep")
            .WithSummary("Cancel a running sweep.")
            .WithDescription("No trial starts or is promoted any more; queued trials are cancelled and running ones stop within a batch, each keeping its checkpoints and history.")
            .Refuses(StatusCodes.Status404NotFound, "There is no sweep with this id.")
            .Refuses(StatusCodes.Status409Conflict, "The sweep has ended already.");
        api.MapPost("/{id}/promote", PromoteTrial).RequireScope(Scopes.Admin)
            .WithName("PromoteSweepTrial")
            .WithSummary("Make the model of the sweep's best trial (or of a named one) the default model for /classify.")
            .WithDescription("Without a body (or without jobId): the trial with the best objective value among those trained to the end. As PUT /models/default, the model is loaded and warmed up before it is pinned.")
            .Refuses(StatusCodes.Status404NotFound, "There is no sweep with this id, or jobId is not one of its trials.")
            .Refuses(StatusCodes.Status409Conflict, "The trial (or every trial) has no model yet: it was stopped at a rung, or is still training.")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "The inference queue is too busy to load the model now.");
        return app;
    }

    public static Results<Accepted<SweepAccepted>, ValidationProblem> CreateSweep(
        CreateSweepRequest request, SweepValidation validation, SweepStore sweeps, SweepCoordinator coordinator)
    {
        var (errors, spec, dataset) = validation.Validate(request);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var id = ResourceIds.New();
        sweeps.Create(new SweepRow
        {
            Id = id, Name = string.IsNullOrWhiteSpace(request.Name) ? $"{dataset!.Name}-sweep-{id[..8]}" : request.Name.Trim(),
            DatasetId = dataset!.Id, Spec = spec!, State = SweepState.Running, CreatedAt = DateTimeOffset.UtcNow,
        });
        coordinator.Advance(id);
        return TypedResults.Accepted($"/sweeps/{id}", new SweepAccepted(id, SweepState.Running, spec!.Trials, spec.Rungs));
    }

    /// <param name="state">running, finished or cancelled; unset: every state.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">Sweeps per page, 1 to 200.</param>
    public static Results<Ok<SweepPage>, ValidationProblem> ListSweeps(SweepStore sweeps, string? state, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (Paging.Problem(page, pageSize) is { } pageProblem)
            errors["page"] = pageProblem;
        var wanted = StateFilter.Parse<SweepState>(state, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var (items, total) = sweeps.Page(wanted, page, pageSize);
        return TypedResults.Ok(new SweepPage(items.Select(SweepSummary.Of).ToList(), page, pageSize, total));
    }

    /// <param name="id">The sweep's id.</param>
    public static Results<Ok<SweepDetails>, ProblemHttpResult> GetSweep(string id, SweepStore sweeps) =>
        sweeps.Get(id) is { } sweep ? TypedResults.Ok(sweeps.Details(sweep)) : Problems.NotFound("Sweep", id);

    /// <param name="id">The sweep's id.</param>
    public static Results<ServerSentEventsResult<string>, ProblemHttpResult> StreamSweepEvents(
        string id, ClaimsPrincipal user, SweepStore sweeps, ApiKeyStore keys, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (sweeps.Get(id) is null)
            return Problems.NotFound("Sweep", id);
        return TypedResults.ServerSentEvents(SweepEventStream.Read(id, sweeps, json.Value.SerializerOptions, keys.MayRead(user), cancellationToken));
    }

    /// <param name="id">The sweep's id.</param>
    public static Results<Accepted<SweepDetails>, ProblemHttpResult> CancelSweep(string id, SweepStore sweeps, SweepCoordinator coordinator)
    {
        if (sweeps.Get(id) is null)
            return Problems.NotFound("Sweep", id);
        if (!coordinator.Cancel(id))
            return Problems.Conflict("Sweep ended", $"Sweep {id} is {sweeps.Get(id)!.State.ToString().ToLowerInvariant()} already.");
        return TypedResults.Accepted($"/sweeps/{id}", sweeps.Details(sweeps.Get(id)!));
    }

    /// <param name="id">The sweep's id.</param>
    public static async Task<Results<Ok<DefaultModel>, ProblemHttpResult>> PromoteTrial(
        string id, PromoteTrialRequest? request, SweepStore sweeps, ModelStore models, IServingWarmup serving, ModelLookup lookup, CancellationToken cancellationToken)
    {
        if (sweeps.Get(id) is not { } sweep)
            return Problems.NotFound("Sweep", id);
        var details = sweeps.Details(sweep);
        TrialDetails? trial;
        if (request?.JobId is { } jobId)
        {
            if ((trial = details.Trials.FirstOrDefault(t => t.JobId == jobId)) is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trial not found", detail: $"Job '{jobId}' is not a trial of sweep {id}.");
            if (trial.ModelId is null)
                return Problems.Conflict("No model", $"Trial {trial.Trial} (job {jobId}) has no model: it is {trial.State.ToString().ToLowerInvariant()} at rung {trial.Rung}.");
        }
        else
        {
            trial = details.Trials.Where(t => t.ModelId is not null && t.BestValue is not null)
                .Aggregate((TrialDetails?)null, (best, t) => best is null || sweep.Spec.Objective.IsBetter(t.BestValue!.Value, best.BestValue!.Value) ? t : best);
            if (trial is null)
                return Problems.Conflict("No model", $"No trial of sweep {id} has been trained to the end yet.");
        }
        return await ModelsApi.PinDefaultModel(new DefaultModel(trial.ModelId!), models, serving, lookup, cancellationToken);
    }
}
