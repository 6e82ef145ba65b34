namespace ResNetService.Training.Benchmarks;

/// <param name="Images">Samples delivered in the measured epochs.</param>
/// <param name="CpuSeconds">Process CPU time (user and system) during them: images per CPU second is the throughput per core.</param>
/// <param name="LoadSeconds">Reading the dataset before the epochs: headers, and the in-memory copy when asked for.</param>
public sealed record PipelineBenchmarkResult(int Images, double Seconds, double CpuSeconds, double LoadSeconds)
{
    public double ImagesPerSecond => Images / Seconds;

    public double ImagesPerCpuSecond => Images / CpuSeconds;
}
