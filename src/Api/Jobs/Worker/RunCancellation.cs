using ResNetService.Api.Records;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>Stops a run that is still to finish, whether a worker trains it or it waits for one.</summary>
public sealed class RunCancellation(RunStore runs, RunLeases leases, JobScheduler scheduler)
{
    /// <returns>Whether the cancellation took; false when the run changed state meanwhile.</returns>
    public bool TryCancel(RunRow run)
    {
        // The worker that holds it stops within a batch, checkpoints, and settles it.
        if (run.State == JobState.Running && leases.IsHeld(run.Id))
            return runs.TryUpdate(run.Id, r => r.State == JobState.Running, set => set.SetProperty(r => r.CancelRequested, true));
        // Queued, interrupted, or running under a lease that has expired (its worker is gone): settled here.
        var now = leases.DatabaseNow();
        if (!runs.TryMove(run.Id, JobState.Cancelled, condition: r => r.State != JobState.Running || r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))
            return false;
        scheduler.Withdraw(run);
        return true;
    }
}
