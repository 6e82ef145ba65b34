namespace ResNetService.Training.Benchmarks;

/// <param name="DataFolder">An image-folder dataset (class folders, at the root or under train/).</param>
/// <param name="InMemory">Read the photos once into the in-memory copy training keeps when they fit, and measure epochs from it.</param>
public sealed record PipelineBenchmarkOptions(string DataFolder, int InputSize, int BatchSize, int Epochs, bool InMemory, int Seed = 42);
