using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Datasets;
using ResNetService.Api.Hosting;
using ResNetService.Api.Models;
using ResNetService.Api.Storage;
using ResNetService.Training.Engine;
using Serilog.Context;

namespace ResNetService.Api.Jobs;

/// <summary>
/// The Hangfire job: trains one run, synchronously on the worker thread. Run again on the same run (after a worker
/// died, or on resume) the trainer continues from the run's last checkpoint. On worker shutdown it checkpoints and
/// rethrows the cancellation, so Hangfire leaves the job to be handed out again.
/// </summary>
public sealed class TrainingJobRunner(
    RunStore runs, DatasetStore datasets, ModelStore models, DevicePool devices, ILoggerFactory loggers)
{
    /// <summary>How often a running job looks for a cancellation request; the trainer then stops within one batch.</summary>
    private static readonly TimeSpan CancelPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A run whose worker keeps dying (typically killed for memory) fails instead of taking down worker after worker.</summary>
    public const int MaxWorkerDeaths = 3;

    private readonly ILogger _logger = loggers.CreateLogger<TrainingJobRunner>();

    [AutomaticRetry(Attempts = 0)]
    public void Run(string runId, CancellationToken cancellationToken)
    {
        using var runIdProperty = LogContext.PushProperty("RunId", runId);
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        // Finished runs come back only as stale copies on the queue (a resume queues the run again as Queued).
        if (runs.Get(runId) is not { } record || record.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled)
        {
            _logger.LogInformation("Run {RunId} has nothing left to do", runId);
            return;
        }
        using var claim = runs.TryClaim(runId);
        if (claim is null)
        {
            _logger.LogInformation("Run {RunId} is already being trained by another worker", runId);
            return;
        }
        if (runs.IsCancelRequested(runId))
        {
            Finish(runId, JobState.Cancelled, "Run {RunId} cancelled before it started again");
            return;
        }
        // Still "running" with nobody training it: the worker that had it died (out of memory, host lost).
        var deaths = record.State == JobState.Running ? record.WorkerDeaths + 1 : record.WorkerDeaths;
        if (deaths >= MaxWorkerDeaths)
        {
            runs.Update(runId, r => r with { State = JobState.Failed, FinishedAt = DateTimeOffset.UtcNow, WorkerDeaths = deaths,
                Error = $"The worker training this run died {deaths} times (out of memory?). Resume it with a smaller batch size or network." });
            _logger.LogError("Run {RunId} failed: its worker died {Deaths} times", runId, deaths);
            return;
        }

        record = runs.Update(runId, r => r with { State = JobState.Running, StartedAt = r.StartedAt ?? DateTimeOffset.UtcNow, Error = null, WorkerDeaths = deaths });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The request may come from an API in another process: it leaves a marker in the run's folder.
        using var cancelWatch = new Timer(_ =>
        {
            try
            {
                if (runs.IsCancelRequested(runId))
                    cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A tick that raced the end of the job: nothing left to cancel.
            }
        }, null, CancelPollInterval, CancelPollInterval);
        try
        {
            var result = Train(record, cancellation);
            if (result.Outcome != TrainingOutcome.Cancelled)
            {
                runs.ReplaceMetrics(runId, result.History);
                var model = models.Publish(Card(record, result), result.ModelPath!);
                runs.Update(runId, r => r with { State = JobState.Succeeded, FinishedAt = DateTimeOffset.UtcNow, ModelId = model.Id });
                return;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped below, as a cancelled outcome is.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Run {RunId} failed", runId);
            runs.Update(runId, r => r with { State = JobState.Failed, FinishedAt = DateTimeOffset.UtcNow, Error = e.Message });
            throw;
        }
        Stopped(runId, cancellationToken);
    }

    private TrainingResult Train(JobRecord record, CancellationTokenSource cancellation)
    {
        var dataset = datasets.Get(record.DatasetId)
            ?? throw new InvalidOperationException($"Dataset {record.DatasetId} was deleted before the job ran.");
        using var device = devices.Lease();
        // A job that leaves the device at its default runs on the device this worker leased.
        var options = record.Training.Device == new TrainingOptions().Device ? record.Training with { Device = device.Device } : record.Training;
        var job = new TrainingJob(datasets.FilesOf(dataset), record.Model, options, runs.FolderOf(record.Id), datasets.ReadOptions);
        return new Trainer(_logger).Run(job, new RunObserver(runs, record.Id), cancellation.Token);
    }

    /// <summary>A requested cancellation ends the job; anything else is the worker stopping, and the job must come back.</summary>
    private void Stopped(string runId, CancellationToken workerToken)
    {
        if (runs.IsCancelRequested(runId))
        {
            Finish(runId, JobState.Cancelled, "Run {RunId} cancelled; its last checkpoint is kept");
            return;
        }
        runs.Update(runId, r => r with { State = JobState.Interrupted });
        _logger.LogWarning("Run {RunId} interrupted by the worker stopping; it resumes from its last checkpoint when handed out again", runId);
        workerToken.ThrowIfCancellationRequested();
    }

    private static ModelCard Card(JobRecord record, TrainingResult result) =>
        new(ResourceIds.New(), record.Name, record.Id, record.DatasetId, DateTimeOffset.UtcNow, result.Description,
            new ModelMetrics(result.BestEpoch, result.BestValidationAccuracy, result.History, result.Test));

    private void Finish(string runId, JobState state, string message)
    {
        runs.Update(runId, r => r with { State = state, FinishedAt = DateTimeOffset.UtcNow });
        runs.ClearCancel(runId);
        _logger.LogInformation(message, runId);
    }
}
