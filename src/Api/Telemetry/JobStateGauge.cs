using System.Diagnostics.Metrics;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Telemetry;

/// <summary><c>resnet.jobs</c>: jobs by state, from the records.</summary>
public sealed class JobStateGauge
{
    private static readonly (JobState State, KeyValuePair<string, object?> Tag)[] States = Enum.GetValues<JobState>()
        .Select(state => (state, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()))).ToArray();

    public JobStateGauge(IMeterFactory meters, RunStore runs, ILogger<JobStateGauge> logger) =>
        Gauge = new RecordsGauge(meters, "resnet.jobs", "{job}", "Jobs in the records, by state.", () =>
        {
            var counts = runs.CountByState();
            return States.Select(s => new Measurement<int>(counts.GetValueOrDefault(s.State), s.Tag));
        }, logger);

    public RecordsGauge Gauge { get; }
}
