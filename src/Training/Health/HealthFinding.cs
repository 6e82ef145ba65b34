namespace ResNetService.Training.Health;

/// <summary>One check's outcome in a sentence.</summary>
/// <param name="Check">exactDuplicates, nearDuplicates, unreadable, classBalance, imageSizes, colourMix, smallImages or classNames.</param>
/// <param name="Verdict">ok, warning or problem.</param>
public sealed record HealthFinding(string Check, string Verdict, string Message);
