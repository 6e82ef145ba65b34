using System.Diagnostics.Metrics;
using ResNetService.Api.Telemetry;

namespace ResNetService.Api.Sweeps;

/// <summary><c>resnet.sweep.trials</c>: the trials of every sweep, by job state and rung, from the records.</summary>
public sealed class SweepTrialGauge
{
    public SweepTrialGauge(IMeterFactory meters, SweepStore sweeps, ILogger<SweepTrialGauge> logger) =>
        Gauge = new RecordsGauge(meters, "resnet.sweep.trials", "{trial}", "Sweep trials in the records, by state and rung (0: the first).",
            () => sweeps.CountTrials().Select(c => new Measurement<int>(c.Count,
                new KeyValuePair<string, object?>("state", c.State.ToString().ToLowerInvariant()),
                new KeyValuePair<string, object?>("rung", c.Rung))), logger);

    public RecordsGauge Gauge { get; }
}
