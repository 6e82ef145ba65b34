namespace ResNetService.Api.Jobs;

/// <summary>
/// While a worker trains a run: renews its lease, and stops the training (through <see cref="Token"/>) when a user
/// asked to cancel it or when the lease was lost to another worker. The database being down stops nothing: the
/// training goes on, and the lease is renewed when the database answers again.
/// </summary>
public sealed class RunHeartbeat : IDisposable
{
    /// <summary>How soon a cancellation request is noticed; the trainer then stops within one batch.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RunLeases _leases;
    private readonly string _runId;
    private readonly string _owner;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly Timer _timer;
    private DateTime _renewed = DateTime.UtcNow;
    private int _ticking;

    public RunHeartbeat(RunLeases leases, string runId, string owner, CancellationToken workerStopping, ILogger logger)
    {
        _leases = leases;
        _runId = runId;
        _owner = owner;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(workerStopping);
        _timer = new Timer(_ => Tick(), null, PollInterval, PollInterval);
    }

    /// <summary>Fires when the worker stops, the user cancels, or the lease is lost.</summary>
    public CancellationToken Token => _stop.Token;

    public bool CancelRequested { get; private set; }

    public bool LeaseLost { get; private set; }

    private void Tick()
    {
        // A tick that overlaps a slow one (database slow to answer) is skipped rather than stacked.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
            return;
        try
        {
            if (DateTime.UtcNow - _renewed >= _leases.Duration / 3)
            {
                if (!_leases.Renew(_runId, _owner))
                {
                    LeaseLost = true;
                    _logger.LogWarning("Run {RunId} is no longer this worker's (its lease expired and another worker took it, or it was settled); stopping", _runId);
                    _stop.Cancel();
                    return;
                }
                _renewed = DateTime.UtcNow;
            }
            if (_leases.IsCancelRequested(_runId))
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
            _logger.LogWarning("Run {RunId}: the records database did not answer the heartbeat ({Problem}); training goes on", _runId, e.Message);
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
