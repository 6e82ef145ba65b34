using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ResNetService.Training.Telemetry;

/// <summary>
/// The trainer's instruments and spans, through the BCL's own System.Diagnostics types so this assembly needs no
/// telemetry package: whoever hosts the trainer listens to <see cref="Name"/> (the service exports them). Measurements
/// carry the run as the <c>run</c> tag: the job's name, by default its folder's (the run id in the service).
/// </summary>
public static class TrainingTelemetry
{
    public const string Name = "ResNetService.Training";
    public const string RunTag = "run";

    private static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "resnet.training.step.duration", "s", "Time of one training step (forward, backward, update), batch loading excluded.");

    public static readonly Counter<long> Images = Meter.CreateCounter<long>(
        "resnet.training.images", "{image}", "Training images stepped through; its rate is the training throughput.");

    public static readonly Histogram<double> EpochDuration = Meter.CreateHistogram<double>(
        "resnet.training.epoch.duration", "s", "Time of one epoch, validation included.");

    public static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>(
        "resnet.training.checkpoints", "{checkpoint}", "Checkpoint files written.");

    public static readonly Histogram<long> CheckpointSize = Meter.CreateHistogram<long>(
        "resnet.training.checkpoint.size", "By", "Size of each checkpoint file written.");

    /// <summary>The tag a run's measurements carry; made once per run so that recording allocates nothing.</summary>
    public static KeyValuePair<string, object?> RunOf(string runName) => new(RunTag, runName);
}
