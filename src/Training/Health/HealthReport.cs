namespace ResNetService.Training.Health;

/// <summary>What is wrong with a dataset, found before a model is trained on it.</summary>
/// <param name="Format">image-folder, idx, cifar-10 or cifar-100.</param>
/// <param name="Verdict">The worst verdict among the findings: ok, warning or problem.</param>
/// <param name="Images">Every image found, readable or not.</param>
/// <param name="Splits">Images per split.</param>
/// <param name="Findings">One per check, in a fixed order.</param>
/// <param name="Seconds">How long the check took.</param>
public sealed record HealthReport(
    string Format,
    string Verdict,
    int Images,
    IReadOnlyDictionary<string, int> Splits,
    IReadOnlyList<HealthFinding> Findings,
    ExactDuplicates ExactDuplicates,
    NearDuplicates NearDuplicates,
    UnreadableImages Unreadable,
    ClassBalanceSummary ClassBalance,
    SizeDistribution Sizes,
    ColourMix Colour,
    SmallImages SmallImages,
    IReadOnlyList<ClassNameClash> ClassNameClashes,
    double Seconds)
{
    /// <summary>The findings whose verdict is problem.</summary>
    public IEnumerable<HealthFinding> Problems() => Findings.Where(finding => finding.Verdict == HealthVerdicts.Problem);
}
