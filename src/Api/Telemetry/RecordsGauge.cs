using System.Diagnostics.Metrics;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// A gauge counted from the records: one grouped query, reused for a few seconds so that several scrapers (or a
/// short scrape interval) do not turn into a query each. A scrape while the database is down reports nothing rather
/// than stale counts.
/// </summary>
public sealed class RecordsGauge
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Func<IEnumerable<Measurement<int>>> _count;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly Lock _gate = new();
    private Measurement<int>[] _last = [];
    private DateTime _readAt = DateTime.MinValue;

    public RecordsGauge(IMeterFactory meters, string name, string unit, string description, Func<IEnumerable<Measurement<int>>> count, ILogger logger)
    {
        _count = count;
        _logger = logger;
        _what = name;
        meters.Create(ServingTelemetry.Name).CreateObservableGauge(name, Observe, unit, description);
    }

    private Measurement<int>[] Observe()
    {
        lock (_gate)
        {
            if (DateTime.UtcNow - _readAt < CacheFor)
                return _last;
            try
            {
                _last = _count().ToArray();
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not count {What} for the metrics: {Problem}", _what, e.Message);
                _last = [];
            }
            _readAt = DateTime.UtcNow;
            return _last;
        }
    }
}
