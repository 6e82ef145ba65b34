using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>Puts runs on Hangfire's training queue, and takes them off it.</summary>
public sealed class JobScheduler(IBackgroundJobClient hangfire, JobStorage storage, RunStore runs, IOptions<HangfireOptions> options)
{
    /// <summary>Hangfire states in which a job will still be handed to a worker, or is with one.</summary>
    private static readonly HashSet<string> Pending = ["Enqueued", "Scheduled", "Awaiting", "Processing"];

    /// <summary>
    /// A Hangfire job for a run that is already queued (or interrupted) in the records. Recorded only if nobody queued
    /// one meanwhile. An extra job is left alone rather than deleted (deleting a job a worker has begun would cancel
    /// its training): handed out, it finds the run's lease held or the run finished, and returns at once.
    /// </summary>
    public void Submit(RunRow run)
    {
        var previous = run.HangfireJobId;
        var jobId = hangfire.Enqueue<TrainingJobRunner>(options.Value.Queue, runner => runner.Run(run.Id, CancellationToken.None));
        runs.TryUpdate(run.Id, r => r.HangfireJobId == previous, set => set.SetProperty(r => r.HangfireJobId, jobId));
    }

    /// <summary>Whether the run's Hangfire job still exists and will reach (or is with) a worker.</summary>
    public bool HasPendingJob(RunRow run)
    {
        if (run.HangfireJobId is not { } jobId)
            return false;
        using var connection = storage.GetConnection();
        // In-memory job ids start again after a restart: the job must also be this run's.
        var job = connection.GetJobData(jobId);
        return job?.Job?.Args is [string runId, ..] && runId == run.Id && job.State is { } state && Pending.Contains(state);
    }

    public void Withdraw(RunRow run)
    {
        if (run.HangfireJobId is { } jobId)
            hangfire.Delete(jobId);
    }
}
