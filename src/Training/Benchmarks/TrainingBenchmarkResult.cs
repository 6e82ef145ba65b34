namespace ResNetService.Training.Benchmarks;

/// <summary>Throughput of the measured steps, and where the process spent its CPU time during them.</summary>
public sealed record TrainingBenchmarkResult(
    double ImagesPerSecond,
    double UserSeconds,
    double SystemSeconds,
    double? PipelineImagesPerSecond)
{
    /// <summary>Share of the pipeline run's time that the data pipeline added over training on ready tensors.</summary>
    public double? PipelineOverheadPercent =>
        PipelineImagesPerSecond is { } withPipeline ? Math.Max(0, 100 * (1 - withPipeline / ImagesPerSecond)) : null;
}
