using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Datasets;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Api.Telemetry;
using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using Serilog.Context;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// The Hangfire job: trains one run, synchronously on the worker thread, while holding its lease. Run again on the
/// same run (a worker died, the run was resumed) the trainer continues from the run's last checkpoint. On worker
/// shutdown it checkpoints and throws a cancellation, so Hangfire hands the job out again. Every write it makes
/// carries the lease (see <see cref="RunLease"/>): once another worker has the run, this one changes nothing.
/// </summary>
public sealed class TrainingJobRunner(
    RunStore runs, RunLeases leases, RunFolders folders, DatasetStore datasets, ModelStore models, DevicePool devices,
    IOptions<TrainerSettings> settings, IOptions<JobsOptions> jobs, ServerPaths paths, ServingTelemetry telemetry,
    IHostApplicationLifetime lifetime, DurableWrites durably, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<TrainingJobRunner>();

    /// <param name="cancellationToken">
    /// Hangfire's, which fires when the worker stops and also when the job was ended elsewhere: a run whose worker
    /// paused and lost it is handed out twice, and the stale delivery ends the job for both. Only the application
    /// stopping stops the training: what becomes of a run is decided by its lease in the records.
    /// </param>
    [AutomaticRetry(Attempts = 0)]
    public void Run(string runId, CancellationToken cancellationToken)
    {
        using var runIdProperty = LogContext.PushProperty("RunId", runId);
        var asked = Stopwatch.GetTimestamp();
        if (leases.TryClaim(runId, RunLeases.NewOwner()) is not { } run)
        {
            _logger.LogInformation("Run {RunId} is finished, or another worker trains it: nothing to do here", runId);
            return;
        }
        var lease = RunLease.Of(run);
        if (models.BySourceRun(runId) is { } published)
        {
            // The model was published but the run's final state was never written (the worker died in between).
            Succeed(lease, published);
            return;
        }
        if (run.CancelRequested)
        {
            Settle(lease, JobState.Cancelled, null, "Run {RunId} cancelled before it started again");
            return;
        }
        if (run.Attempts >= jobs.Value.MaxAttempts)
        {
            Settle(lease, JobState.Failed,
                $"The worker training this run stopped without finishing {run.Attempts} times (killed for lack of memory?). "
                + $"Resume it, with a smaller batch size if memory is short: POST /jobs/{runId}/resume {{\"batchSize\": {Math.Max(1, run.Training.BatchSize / 2)}}}.",
                "Run {RunId} failed: its workers kept dying");
            return;
        }

        using var heartbeat = new RunHeartbeat(leases, lease, asked, lifetime.ApplicationStopping, _logger);
        if (Inputs(run, lease) is not { } inputs)
            return;
        TrainingResult result;
        try
        {
            result = Train(run, lease, inputs, heartbeat);
        }
        catch (OperationCanceledException) when (heartbeat.Token.IsCancellationRequested)
        {
            Stopped(lease, heartbeat, cancellationToken);
            return;
        }
        catch (Exception e)
        {
            if (Settle(lease, JobState.Failed, paths.Redact(e.Message), "Run {RunId} failed", cause: e))
                throw;
            return;
        }
        if (result.Outcome == TrainingOutcome.Cancelled)
        {
            Stopped(lease, heartbeat, cancellationToken);
            return;
        }
        if (!durably.Run(() => runs.ReplaceMetrics(lease, result.History), $"record the history of run {runId}"))
        {
            heartbeat.Lost("the records refused its history");
            return;
        }
        if (result.Outcome == TrainingOutcome.ReachedEpochLimit)
        {
            Settle(lease, JobState.Paused, null, "Run {RunId} paused at its epoch limit; its checkpoint is kept for a promotion");
            return;
        }
        if (durably.Run(() => models.PublishOf(lease, Model(run, result), result.ModelPath!), $"publish the model of run {runId}") is not { } model)
        {
            heartbeat.Lost("the records refused its model");
            return;
        }
        Succeed(lease, model);
    }

    /// <summary>
    /// The dataset and the model the run starts from, read at its start. A records database that does not answer
    /// puts the run back to waiting (interrupted, attempts not counted), for the next worker to try again; only a
    /// dataset or model that is gone fails it.
    /// </summary>
    /// <returns>Null when the run was settled here instead.</returns>
    private RunInputs? Inputs(RunRow run, RunLease lease)
    {
        DatasetRow? dataset;
        ModelRow? source = null;
        try
        {
            dataset = datasets.Get(run.DatasetId);
            if (run.SourceModelId is { } id)
                source = models.Get(id);
        }
        catch (Exception e) when (RecordsUnavailable.Is(e))
        {
            Settle(lease, JobState.Interrupted, $"The records database did not answer as the run started ({e.Message}); it waits for a worker again.",
                "Run {RunId} could not read its dataset or model from the records; it waits for a worker again");
            return null;
        }
        if (dataset is null)
        {
            Settle(lease, JobState.Failed, $"Dataset {run.DatasetId} was deleted before the job ran.", "Run {RunId} failed: its dataset is gone");
            return null;
        }
        if (run.SourceModelId is { } from && source is null)
        {
            Settle(lease, JobState.Failed, $"Model {from}, which the job starts from, was deleted before the job ran.", "Run {RunId} failed: its source model is gone");
            return null;
        }
        return new RunInputs(dataset, source);
    }

    private TrainingResult Train(RunRow run, RunLease lease, RunInputs inputs, RunHeartbeat heartbeat)
    {
        using var device = devices.Lease();
        folders.Prepare(lease);
        var from = inputs.Source is { } source ? new FineTuneSource(models.CheckpointOf(source)) : null;
        var job = new TrainingJob(datasets.FilesOf(inputs.Dataset), run.Model, run.Training, folders.AttemptOf(lease),
            settings.Value with { Device = device.Device }, datasets.ReadOptions, from, run.EpochLimit, Name: run.Id);
        if (run.Attempts > 0)
        {
            telemetry.RunsTakenOver.Add(1);
            _logger.LogWarning("Run {RunId}: attempt {Attempt} after its worker was lost; resuming from its last checkpoint", run.Id, run.Attempts + 1);
        }
        return new Trainer(_logger).Run(job, new RunObserver(runs, lease, heartbeat, _logger), heartbeat.Token);
    }

    /// <summary>
    /// A requested cancellation ends the run; anything else is this worker stopping, and the run must come back. A
    /// lost lease leaves the run to whoever has it now; if nobody took it (the database did not answer for a while)
    /// it waits for a worker again, attempts not counted.
    /// </summary>
    private void Stopped(RunLease lease, RunHeartbeat heartbeat, CancellationToken hangfireToken)
    {
        if (heartbeat.LeaseLost)
        {
            Settle(lease, JobState.Interrupted, null, "Run {RunId} waits for a worker again: this one could not keep its lease, and nobody took the run meanwhile");
            return;
        }
        var stopping = lifetime.ApplicationStopping;
        if (heartbeat.CancelRequested || !stopping.IsCancellationRequested)
        {
            Settle(lease, JobState.Cancelled, null, "Run {RunId} cancelled; its last checkpoint is kept");
            return;
        }
        Settle(lease, JobState.Interrupted, null, "Run {RunId} interrupted by the worker stopping; it resumes from its last checkpoint when handed out again");
        throw new OperationCanceledException("The worker is stopping.", hangfireToken.IsCancellationRequested ? hangfireToken : stopping);
    }

    private void Succeed(RunLease lease, ModelRow model) =>
        Settle(lease, JobState.Succeeded, null, "Run {RunId} succeeded", model.Id);

    /// <summary>
    /// The run's last state change, released with its lease; retried, because a run must never stay "running". Only
    /// when it wins are the attempt's checkpoints promoted (see <see cref="RunFolders.Promote"/>).
    /// </summary>
    /// <returns>Whether this worker's change won: false when the lease no longer held the run.</returns>
    private bool Settle(RunLease lease, JobState state, string? error, string message, string? modelId = null, Exception? cause = null)
    {
        var moved = durably.Run(() => runs.TryMove(lease.RunId, state, set =>
        {
            set.SetProperty(r => r.Error, error);
            if (state == JobState.Interrupted)
            {
                set.SetProperty(r => r.LeaseOwner, (string?)null);
                set.SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null);
            }
            if (modelId is not null)
                set.SetProperty(r => r.ModelId, modelId);
        }, lease), $"record that run {lease.RunId} is {state.ToString().ToLowerInvariant()}");
        if (!moved)
        {
            _logger.LogWarning("Run {RunId} is no longer this worker's (another took it over, or it was settled meanwhile); leaving it as it is", lease.RunId);
            return false;
        }
        _logger.Log(state == JobState.Failed ? LogLevel.Error : LogLevel.Information, cause, message, lease.RunId);
        folders.Promote(lease, succeeded: state == JobState.Succeeded);
        return true;
    }

    private static ModelRow Model(RunRow run, TrainingResult result)
    {
        var id = ResourceIds.New();
        return new ModelRow
        {
            Id = id, Name = run.Name, SourceRunId = run.Id, DatasetId = run.DatasetId, CreatedAt = DateTimeOffset.UtcNow,
            SourceModelId = run.SourceModelId, ClassifierReinitialised = result.ClassifierReinitialised, TrainClassCounts = result.TrainClassCounts,
            Description = result.Description, BestEpoch = result.BestEpoch, BestValidationAccuracy = result.BestValidationAccuracy,
            History = result.History, Test = result.Test, CheckpointPath = ModelRow.CheckpointPathFor(id),
        };
    }
}
