namespace ResNetService.Training.Health;

public sealed record UnreadableImages(int Count, IReadOnlyList<UnreadableImage> Listed);
