namespace ResNetService.Training.Health;

/// <summary>A file that cannot be read or decoded, and why.</summary>
public sealed record UnreadableImage(SampleRef Image, string Reason);
