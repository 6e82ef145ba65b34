using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Datasets;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Api.Telemetry;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using Serilog.Context;

namespace ResNetService.Api.Jobs;

/// <summary>
/// The Hangfire job: trains one run, synchronously on the worker thread, while holding its lease. Run again on the
/// same run (a worker died, the run was resumed) the trainer continues from the run's last checkpoint. On worker
/// shutdown it checkpoints and rethrows the cancellation, so Hangfire hands the job out again.
/// </summary>
public sealed class TrainingJobRunner(
    RunStore runs, RunLeases leases, DatasetStore datasets, ModelStore models, DevicePool devices,
    IOptions<TrainerSettings> settings, IOptions<JobsOptions> jobs, ServerPaths paths, ServingTelemetry telemetry, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<TrainingJobRunner>();

    [AutomaticRetry(Attempts = 0)]
    public void Run(string runId, CancellationToken cancellationToken)
    {
        using var runIdProperty = LogContext.PushProperty("RunId", runId);
        var owner = RunLeases.NewOwner();
        if (leases.TryClaim(runId, owner) is not { } run)
        {
            _logger.LogInformation("Run {RunId} is finished, or another worker trains it: nothing to do here", runId);
            return;
        }
        if (models.BySourceRun(runId) is { } published)
        {
            // The model was published but the run's final state was never written (the worker died in between).
            Succeed(run, published, owner);
            return;
        }
        if (run.CancelRequested)
        {
            Settle(runId, owner, JobState.Cancelled, null, "Run {RunId} cancelled before it started again");
            return;
        }
        if (run.Attempts >= jobs.Value.MaxAttempts)
        {
            Settle(runId, owner, JobState.Failed,
                $"The worker training this run stopped without finishing {run.Attempts} times (killed for lack of memory?). "
                + $"Resume it, with a smaller batch size if memory is short: POST /jobs/{runId}/resume {{\"batchSize\": {Math.Max(1, run.Training.BatchSize / 2)}}}.",
                "Run {RunId} failed: its workers kept dying");
            return;
        }

        using var heartbeat = new RunHeartbeat(leases, runId, owner, cancellationToken, _logger);
        TrainingResult result;
        try
        {
            result = Train(run, owner, heartbeat.Token);
        }
        catch (OperationCanceledException) when (heartbeat.Token.IsCancellationRequested)
        {
            Stopped(runId, owner, heartbeat, cancellationToken);
            return;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Run {RunId} failed", runId);
            Settle(runId, owner, JobState.Failed, paths.Redact(e.Message), "Run {RunId} failed");
            throw;
        }
        if (result.Outcome == TrainingOutcome.Cancelled)
        {
            Stopped(runId, owner, heartbeat, cancellationToken);
            return;
        }
        Durably.Run(() => runs.ReplaceMetrics(runId, result.History), _logger, $"record the history of run {runId}");
        if (result.Outcome == TrainingOutcome.ReachedEpochLimit)
        {
            Settle(runId, owner, JobState.Paused, null, "Run {RunId} paused at its epoch limit; its checkpoint is kept for a promotion");
            return;
        }
        var model = Durably.Run(() => models.Publish(Model(run, result), result.ModelPath!), _logger, $"publish the model of run {runId}");
        Succeed(run, model, owner);
    }

    private TrainingResult Train(RunRow run, string owner, CancellationToken cancellationToken)
    {
        var dataset = datasets.Get(run.DatasetId)
            ?? throw new InvalidOperationException($"Dataset {run.DatasetId} was deleted before the job ran.");
        using var device = devices.Lease();
        var job = new TrainingJob(datasets.FilesOf(dataset), run.Model, run.Training, runs.FolderOf(run.Id),
            settings.Value with { Device = device.Device }, datasets.ReadOptions, SourceOf(run), run.EpochLimit);
        if (run.Attempts > 0)
        {
            telemetry.RunsTakenOver.Add(1);
            _logger.LogWarning("Run {RunId}: attempt {Attempt} after its worker was lost; resuming from its last checkpoint", run.Id, run.Attempts + 1);
        }
        return new Trainer(_logger).Run(job, new RunObserver(runs, run.Id, owner, _logger), cancellationToken);
    }

    private FineTuneSource? SourceOf(RunRow run)
    {
        if (run.SourceModelId is not { } id)
            return null;
        var model = models.Get(id) ?? throw new InvalidOperationException($"Model {id}, which the job starts from, was deleted before the job ran.");
        return new FineTuneSource(models.CheckpointOf(model));
    }

    /// <summary>
    /// A requested cancellation ends the run; a lost lease leaves it to the worker that has it now; anything else is
    /// this worker stopping, and the run must come back.
    /// </summary>
    private void Stopped(string runId, string owner, RunHeartbeat heartbeat, CancellationToken workerToken)
    {
        if (heartbeat.LeaseLost)
            return;
        if (heartbeat.CancelRequested || !workerToken.IsCancellationRequested)
        {
            Settle(runId, owner, JobState.Cancelled, null, "Run {RunId} cancelled; its last checkpoint is kept");
            return;
        }
        Settle(runId, owner, JobState.Interrupted, null, "Run {RunId} interrupted by the worker stopping; it resumes from its last checkpoint when handed out again");
        workerToken.ThrowIfCancellationRequested();
    }

    private void Succeed(RunRow run, ModelRow model, string owner)
    {
        Settle(run.Id, owner, JobState.Succeeded, null, "Run {RunId} succeeded", model.Id);
        TrainingCheckpoints.PruneToNewest(Path.Combine(runs.FolderOf(run.Id), Trainer.CheckpointsFolder));
        File.Delete(Path.Combine(runs.FolderOf(run.Id), Trainer.ModelFileName));
    }

    /// <summary>The run's last state change, released with its lease; retried, because a run must never stay "running".</summary>
    private void Settle(string runId, string owner, JobState state, string? error, string message, string? modelId = null)
    {
        var moved = Durably.Run(() => runs.TryMove(runId, state, set =>
        {
            set.SetProperty(r => r.Error, error);
            if (state == JobState.Interrupted)
            {
                set.SetProperty(r => r.LeaseOwner, (string?)null);
                set.SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null);
            }
            if (modelId is not null)
                set.SetProperty(r => r.ModelId, modelId);
        }, owner), _logger, $"record that run {runId} is {state.ToString().ToLowerInvariant()}");
        if (moved)
            _logger.Log(state == JobState.Failed ? LogLevel.Error : LogLevel.Information, message, runId);
        else
            _logger.LogWarning("Run {RunId} was settled by someone else meanwhile; leaving it as it is", runId);
    }

    private static ModelRow Model(RunRow run, TrainingResult result)
    {
        var id = ResourceIds.New();
        return new ModelRow
        {
            Id = id, Name = run.Name, SourceRunId = run.Id, DatasetId = run.DatasetId, CreatedAt = DateTimeOffset.UtcNow,
            SourceModelId = run.SourceModelId, ClassifierReinitialised = result.ClassifierReinitialised, TrainClassCounts = result.TrainClassCounts,
            Description = result.Description, BestEpoch = result.BestEpoch, BestValidationAccuracy = result.BestValidationAccuracy,
            History = result.History, Test = result.Test, CheckpointPath = ModelStore.CheckpointPathFor(id),
        };
    }
}
