using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// The service's own instruments (named by OpenTelemetry's conventions, with units) and its spans. Made by the host's
/// meter factory, one per process; every call site records through a field, so the hot path allocates nothing here.
/// </summary>
public sealed class ServingTelemetry
{
    public const string Name = "ResNetService.Serving";
    public const string ModelTag = "model";
    public const string EngineTag = "engine";

    public static readonly ActivitySource Source = new(Name);

    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

    public ServingTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        ClassificationDuration = meter.CreateHistogram("resnet.classification.duration", "s",
            "Time of a successful /classify request, from its first byte read to its answer, by model and engine.", advice: Seconds);
        BatchSize = meter.CreateHistogram("resnet.inference.batch.size", "{image}", "Images in one forward pass, by engine.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        QueueDepth = meter.CreateUpDownCounter<int>("resnet.inference.queue.depth", "{request}",
            "Requests waiting for the inference thread.");
        QueueWait = meter.CreateHistogram("resnet.inference.queue.wait", "s",
            "Time a request waited for the inference thread.", advice: Seconds);
        ModelLoads = meter.CreateCounter<long>("resnet.model.loads", "{load}", "Checkpoints loaded for classification, by model and engine.");
        ModelLoadDuration = meter.CreateHistogram("resnet.model.load.duration", "s",
            "Time to load a model for classification (with its ONNX export made on the first load), by model and engine.", advice: Seconds);
        ModelEvictions = meter.CreateCounter<long>("resnet.model.evictions", "{eviction}", "Models dropped from the classification cache, by model.");
        ModelWarmups = meter.CreateCounter<long>("resnet.model.warmups", "{warmup}", "Models run once on a dummy batch after loading, by model and engine.");
        ImagesDecoded = meter.CreateCounter<long>("resnet.images.decoded", "{image}", "Uploaded images decoded for classification.");
        ImagesRefused = meter.CreateCounter<long>("resnet.images.refused", "{image}", "Uploaded images refused, by reason.");
        RunsTakenOver = meter.CreateCounter<long>("resnet.jobs.taken_over", "{attempt}",
            "Attempts at a run after the worker that held it lost its lease (died, or was cut off).");
    }

    private static InstrumentAdvice<double> Seconds { get; } = new() { HistogramBucketBoundaries = LatencyBuckets };

    public Histogram<double> ClassificationDuration { get; }

    public Histogram<int> BatchSize { get; }

    public UpDownCounter<int> QueueDepth { get; }

    public Histogram<double> QueueWait { get; }

    public Counter<long> ModelLoads { get; }

    public Histogram<double> ModelLoadDuration { get; }

    public Counter<long> ModelEvictions { get; }

    public Counter<long> ModelWarmups { get; }

    public Counter<long> ImagesDecoded { get; }

    public Counter<long> ImagesRefused { get; }

    public Counter<long> RunsTakenOver { get; }

    public static KeyValuePair<string, object?> Model(string id) => new(ModelTag, id);

    public static KeyValuePair<string, object?> Engine(string name) => new(EngineTag, name);
}
