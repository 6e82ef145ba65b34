namespace ResNetService.Training.Health;

/// <param name="Index">Position in its split's listing.</param>
internal sealed record HealthSample(string Split, int Label, string Name, int Index);
