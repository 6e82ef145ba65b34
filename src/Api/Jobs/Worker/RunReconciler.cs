using Microsoft.Extensions.Options;
using ResNetService.Api.Records;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Makes sure no run is stranded: at start and then periodically, every run that waits for a worker (queued,
/// interrupted, or running under an expired lease) but has no Hangfire job that will reach one gets a new job. That
/// covers in-memory queues lost with a restart, a crash between recording a run and queuing it, and jobs Hangfire
/// gave up on. Several processes may do this at once: only one job per run is kept.
/// </summary>
public sealed class RunReconciler(
    RecordsMigrator migrator, RunLeases leases, JobScheduler scheduler, IOptions<JobsOptions> options, ILogger<RunReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migrator.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
            do
            {
                ReconcileOnce();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <returns>How many runs were queued again.</returns>
    public int ReconcileOnce()
    {
        var requeued = 0;
        try
        {
            foreach (var run in leases.Unattended())
            {
                if (scheduler.HasPendingJob(run))
                    continue;
                scheduler.Submit(run);
                requeued++;
                logger.LogWarning("Run {RunId} ({State}) had no job on the queue; queued it again, and it resumes from its last checkpoint",
                    run.Id, run.State.ToString().ToLowerInvariant());
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not look for stranded runs ({Problem}); trying again in {Interval}", e.Message, options.Value.ReconcileInterval);
        }
        return requeued;
    }
}
