using Hangfire;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;

namespace ResNetService.Api.Jobs;

/// <summary>Puts runs on the training queue and takes them off it.</summary>
public sealed class JobScheduler(IBackgroundJobClient hangfire, RunStore runs, IOptions<HangfireOptions> options)
{
    public JobRecord Enqueue(JobRecord record)
    {
        // Queued before it is on the queue: a worker may take it at once and must not find the old state.
        runs.ClearCancel(record.Id);
        runs.Update(record.Id, r => r with { State = JobState.Queued, FinishedAt = null, Error = null });
        var hangfireId = hangfire.Enqueue<TrainingJobRunner>(options.Value.Queue, runner => runner.Run(record.Id, CancellationToken.None));
        return runs.Update(record.Id, r => r with { HangfireJobId = hangfireId });
    }

    /// <summary>
    /// A queued job is taken off the queue; a running one is asked to stop, which it does within a batch, keeping its
    /// last checkpoint (deleting the Hangfire job fires its cancellation token on whichever worker runs it).
    /// </summary>
    public JobRecord Cancel(JobRecord record)
    {
        runs.RequestCancel(record.Id);
        if (record.HangfireJobId is { } hangfireId)
            hangfire.Delete(hangfireId);
        // A running job whose worker is gone (nobody holds the run) would never see the request: settle it here.
        return record.State == JobState.Running && runs.IsClaimed(record.Id)
            ? record
            : runs.Update(record.Id, r => r with { State = JobState.Cancelled, FinishedAt = DateTimeOffset.UtcNow });
    }
}
