namespace ResNetService.Training.Health;

public sealed record ImageSize(int Width, int Height, int Images);
