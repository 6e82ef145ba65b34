namespace ResNetService.Training.Benchmarks;

/// <param name="DataFolder">An image-folder dataset (class folders, at the root or under train/).</param>
/// <param name="WarmupEpochs">Passes run before measuring: the JIT compiles the decoder's hot code during the first, a cost a training run pays once.</param>
/// <param name="InMemory">Read the photos once into the in-memory copy training keeps when they fit, and measure epochs from it.</param>
public sealed record PipelineBenchmarkOptions(string DataFolder, int InputSize, int BatchSize, int Epochs, int WarmupEpochs, bool InMemory, int Seed = 42);
