namespace ResNetService.Training.Data.Sources;

/// <summary>A few unreadable samples are tolerated; many mean the dataset is broken and must not be trained on.</summary>
internal static class SkipThreshold
{
    private const int ListedFailures = 5;

    public static void Enforce(IReadOnlyCollection<string> failures, int total, double maxSkippedFraction)
    {
        if (failures.Count == 0 || (failures.Count < total && failures.Count <= maxSkippedFraction * total))
        {
            return;
        }

        var listed = string.Join("; ", failures.Take(ListedFailures));
        var more = failures.Count > ListedFailures ? $"; and {failures.Count - ListedFailures} more" : "";
        throw new DatasetException(
            $"{failures.Count} of {total} images cannot be read, more than the allowed fraction {maxSkippedFraction}: {listed}{more}.");
    }
}
