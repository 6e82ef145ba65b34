namespace ResNetService.Training.Health;

/// <summary>
/// Compares every image of a later split with every image of each earlier one by difference hash. The comparison is
/// one XOR and a population count per pair, so even Fashion-MNIST's 10,000 × 60,000 pairs take seconds.
/// </summary>
internal static class NearDuplicateCheck
{
    private sealed record Match(int Later, int Earlier, int Distance, int Count);

    public static (NearDuplicates Section, HealthFinding Finding) Run(ScannedDataset dataset, HealthOptions options, CancellationToken cancellationToken)
    {
        var candidates = dataset.Readable.Where(i => !dataset.Facts[i].IsFlat)
            .GroupBy(i => SplitOrder.Rank(dataset.Samples[i].Split))
            .OrderBy(group => group.Key)
            .Select(group => group.ToArray())
            .ToArray();
        var matches = new List<Match>();
        for (var later = 1; later < candidates.Length; later++)
        {
            var earlier = candidates[..later].SelectMany(split => split).ToArray();
            var found = new Match?[candidates[later].Length];
            Parallel.For(0, found.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
                j => found[j] = Closest(dataset.Facts, candidates[later][j], earlier, options.NearDuplicateDistance));
            matches.AddRange(found.OfType<Match>());
        }

        var listed = matches.OrderBy(match => match.Distance).ThenBy(match => match.Later).Take(options.ListedExamples)
            .Select(match => new NearDuplicatePair(dataset.RefOf(match.Earlier), dataset.RefOf(match.Later), match.Distance))
            .ToArray();
        var section = new NearDuplicates(options.NearDuplicateDistance, matches.Sum(match => match.Count), matches.Count, listed);
        var finding = section.LeakedImages > 0
            ? new HealthFinding(HealthChecks.NearDuplicates, HealthVerdicts.Warning,
                $"{section.LeakedImages} validation/test image(s) look like images of an earlier split (difference hashes within {section.MaxDistance} bits; "
                + $"{section.Pairs} pair(s)): resized or re-encoded copies inflate the accuracy measured on them. Look at the pairs.")
            : new HealthFinding(HealthChecks.NearDuplicates, HealthVerdicts.Ok, $"No near-duplicates across splits (difference hashes within {section.MaxDistance} bits).");
        return (section, finding);
    }

    /// <summary>The closest earlier image that looks alike but is not byte-identical (those are exact duplicates), and how many do.</summary>
    private static Match? Closest(SampleFacts[] facts, int later, int[] earlier, int maxDistance)
    {
        var hash = facts[later].DifferenceHash;
        var (best, bestDistance, count) = (-1, int.MaxValue, 0);
        foreach (var candidate in earlier)
        {
            var distance = Thumbnail.Distance(hash, facts[candidate].DifferenceHash);
            if (distance > maxDistance || facts[candidate].ContentHash == facts[later].ContentHash)
                continue;
            count++;
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }

        return count == 0 ? null : new Match(later, best, bestDistance, count);
    }
}
