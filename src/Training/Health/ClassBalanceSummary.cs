namespace ResNetService.Training.Health;

/// <summary>Readable training images per class.</summary>
/// <param name="Ratio">The largest class's count over the smallest's; null when a class has none.</param>
/// <param name="Suggestion">The training.classBalance setting to use, when the classes are skewed.</param>
public sealed record ClassBalanceSummary(IReadOnlyList<ClassCount> Train, double? Ratio, string? Suggestion);
