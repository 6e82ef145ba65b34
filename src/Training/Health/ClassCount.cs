namespace ResNetService.Training.Health;

public sealed record ClassCount(string Class, int Images);
