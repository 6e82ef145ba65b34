namespace ResNetService.Training.Health;

/// <summary>Class names that differ only by case or spacing, most likely one class split in two.</summary>
public sealed record ClassNameClash(IReadOnlyList<string> Classes);
