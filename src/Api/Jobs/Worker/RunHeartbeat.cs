using System.Diagnostics;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// While a worker trains a run: renews its lease, and stops the training (through <see cref="Token"/>) when a user
/// asked to cancel it or when the lease no longer holds the run: another worker took it, it was settled elsewhere, or
/// the lease could not be renewed for a whole lease period (the database did not answer, or this process was paused),
/// after which another worker may take it at any moment. Whatever this worker still writes then is refused by its
/// fencing token; stopping keeps it from training for nothing.
/// </summary>
public sealed class RunHeartbeat : IDisposable
{
    /// <summary>How soon a cancellation request is noticed; the trainer then stops within one batch.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RunLeases _leases;
    private readonly RunLease _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly Timer _timer;
    private long _renewed;
    private int _ticking;
    private int _lost;

    /// <param name="claimed">When the claim was asked for (a <see cref="Stopwatch"/> timestamp): the lease runs from then at the earliest.</param>
    public RunHeartbeat(RunLeases leases, RunLease lease, long claimed, CancellationToken workerStopping, ILogger logger)
    {
        _renewed = claimed;
        _leases = leases;
        _lease = lease;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(workerStopping);
        _timer = new Timer(_ => Tick(), null, PollInterval, PollInterval);
    }

    /// <summary>Fires when the worker stops, the user cancels, or the lease is lost.</summary>
    public CancellationToken Token => _stop.Token;

    public bool CancelRequested { get; private set; }

    public bool LeaseLost => Volatile.Read(ref _lost) == 1;

    /// <summary>Stops the training: the lease no longer holds the run (a fenced write was refused, or it could not be renewed).</summary>
    public void Lost(string why)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 1)
            return;
        _logger.LogWarning("Run {RunId} is no longer this worker's ({Why}); stopping", _lease.RunId, why);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile: nothing left to stop.
        }
    }

    /// <summary>
    /// Whether the lease holds the run as far as this worker can tell: not lost, and renewed less than a lease period
    /// ago (past that, another worker may have taken the run). Asked before each file the training writes, so a
    /// worker that was paused knows it at once, before its heartbeat has ticked again.
    /// </summary>
    public bool Holds
    {
        get
        {
            if (!LeaseLost && Stopwatch.GetElapsedTime(Volatile.Read(ref _renewed)) >= _leases.Duration)
                Lost($"its lease could not be renewed for {_leases.Duration.TotalSeconds:0.#} s, and another worker may take the run");
            return !LeaseLost;
        }
    }

    private void Tick()
    {
        // Before anything else, so that a renewal stuck on a database that does not answer cannot hold it up.
        if (!Holds)
            return;
        // A tick that overlaps a slow one (database slow to answer) is skipped rather than stacked.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
            return;
        try
        {
            var asked = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref _renewed), asked) >= _leases.Duration / 3)
            {
                if (!_leases.Renew(_lease))
                {
                    Lost("its lease expired and another worker took the run, or the run was settled");
                    return;
                }
                // From before the renewal was asked for: the lease runs from a moment after it, never before.
                Volatile.Write(ref _renewed, asked);
            }
            if (_leases.IsCancelRequested(_lease.RunId))
            {
                CancelRequested = true;
                _stop.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // A tick that raced the end of the run: nothing left to stop.
        }
        catch (Exception e)
        {
            _logger.LogWarning("Run {RunId}: the records database did not answer the heartbeat ({Problem}); training goes on while the lease lasts",
                _lease.RunId, e.Message);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _stop.Dispose();
    }
}
