using ResNetService.Model.Architecture;

namespace ResNetService.Training.Benchmarks;

/// <param name="Pipeline">Also run the same steps through the data pipeline on a generated in-memory dataset.</param>
public sealed record TrainingBenchmarkOptions(ResNetConfig Network, int BatchSize, int Steps, int WarmupSteps, bool Pipeline, string Device, int Seed = 1);
