using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Who trains a run: a lease in the records database (owner, expiry by the database's clock) that the owner renews
/// while it trains. A run whose lease has expired lost its worker (killed, host gone); the next worker to claim it
/// counts an attempt and resumes from the last checkpoint. Correct across hosts, with no file locks on shared storage.
/// </summary>
public sealed class RunLeases(RecordsDatabase database, IOptions<JobsOptions> options)
{
    public TimeSpan Duration => options.Value.LeaseDuration;

    /// <summary>A name for one attempt at training: unique even between two deliveries inside one process.</summary>
    public static string NewOwner() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Takes the run for <paramref name="owner"/> and marks it running, in one conditional update: only when it is
    /// claimable and nobody holds a live lease. Taking over a running run (its owner's lease expired) counts an attempt.
    /// Every claim numbers a new lease, which fences off whatever the previous owner still writes.
    /// </summary>
    /// <returns>The run as claimed (<see cref="RunLease.Of"/> makes its lease), or null when another worker holds it or it is not to be trained.</returns>
    public RunRow? TryClaim(string id, string owner)
    {
        using var db = database.Open();
        var now = database.Now(db);
        var expires = now + Duration;
        var started = DateTimeOffset.UtcNow;
        var claimed = db.Runs
            .Where(r => r.Id == id && JobTransitions.Claimable.Contains(r.State) && (r.LeaseOwner == null || r.LeaseExpiresAt < now))
            .ExecuteUpdate(set => set
                .SetProperty(r => r.Attempts, r => r.State == JobState.Running ? r.Attempts + 1 : r.Attempts)
                .SetProperty(r => r.State, JobState.Running)
                .SetProperty(r => r.LeaseOwner, owner)
                .SetProperty(r => r.LeaseExpiresAt, expires)
                .SetProperty(r => r.LeaseNumber, r => r.LeaseNumber + 1)
                .SetProperty(r => r.StartedAt, r => r.StartedAt ?? started)
                .SetProperty(r => r.Error, (string?)null)) == 1;
        return claimed ? db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id && r.LeaseOwner == owner) : null;
    }

    /// <summary>Extends the lease by <see cref="Duration"/> from now.</summary>
    /// <returns>False when <paramref name="lease"/> no longer holds the run (another worker took it, or it was settled).</returns>
    public bool Renew(RunLease lease)
    {
        using var db = database.Open();
        var expires = database.Now(db) + Duration;
        return db.Runs.Where(lease.Holds).Where(r => r.State == JobState.Running)
            .ExecuteUpdate(set => set.SetProperty(r => r.LeaseExpiresAt, expires)) == 1;
    }

    public DateTimeOffset DatabaseNow()
    {
        using var db = database.Open();
        return database.Now(db);
    }

    public bool IsCancelRequested(string id)
    {
        using var db = database.Open();
        return db.Runs.AsNoTracking().Where(r => r.Id == id).Select(r => r.CancelRequested).FirstOrDefault();
    }

    /// <summary>Whether a worker holds a live lease on the run now.</summary>
    public bool IsHeld(string id)
    {
        using var db = database.Open();
        var now = database.Now(db);
        return db.Runs.AsNoTracking().Any(r => r.Id == id && r.LeaseOwner != null && r.LeaseExpiresAt >= now);
    }

    /// <summary>Runs that wait for a worker: queued, interrupted, or running under a lease that has expired.</summary>
    public IReadOnlyList<RunRow> Unattended()
    {
        using var db = database.Open();
        var now = database.Now(db);
        return db.Runs.AsNoTracking()
            .Where(r => r.State == JobState.Queued || r.State == JobState.Interrupted
                || (r.State == JobState.Running && (r.LeaseOwner == null || r.LeaseExpiresAt < now)))
            .ToList();
    }
}
