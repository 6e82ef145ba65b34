namespace ResNetService.Training.Health;

/// <summary>Images whose value falls in [From, To); To null is open-ended.</summary>
public sealed record HistogramBin(double From, double? To, int Images);
