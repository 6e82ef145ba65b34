using System.Diagnostics.Metrics;
using ResNetService.Api.Jobs;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// <c>resnet.jobs</c>: jobs by state, from the records. One grouped count, reused for a few seconds so that several
/// scrapers (or a short scrape interval) do not turn into a query each.
/// </summary>
public sealed class JobStateGauge
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly (JobState State, KeyValuePair<string, object?> Tag)[] States = Enum.GetValues<JobState>()
        .Select(state => (state, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()))).ToArray();
    private readonly RunStore _runs;
    private readonly ILogger<JobStateGauge> _logger;
    private readonly Lock _gate = new();
    private Measurement<int>[] _last = [];
    private DateTime _readAt = DateTime.MinValue;

    public JobStateGauge(IMeterFactory meters, RunStore runs, ILogger<JobStateGauge> logger)
    {
        _runs = runs;
        _logger = logger;
        meters.Create(ServingTelemetry.Name).CreateObservableGauge("resnet.jobs", Observe, "{job}", "Jobs in the records, by state.");
    }

    private Measurement<int>[] Observe()
    {
        lock (_gate)
        {
            if (DateTime.UtcNow - _readAt < CacheFor)
                return _last;
            try
            {
                var counts = _runs.CountByState();
                _last = States.Select(s => new Measurement<int>(counts.GetValueOrDefault(s.State), s.Tag)).ToArray();
            }
            catch (Exception e)
            {
                // A scrape while the database is down reports nothing rather than stale counts.
                _logger.LogWarning("Could not count jobs by state for the metrics: {Problem}", e.Message);
                _last = [];
            }
            _readAt = DateTime.UtcNow;
            return _last;
        }
    }
}
