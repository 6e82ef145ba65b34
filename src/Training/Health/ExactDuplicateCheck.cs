namespace ResNetService.Training.Health;

internal static class ExactDuplicateCheck
{
    public static (ExactDuplicates Section, HealthFinding Finding) Run(ScannedDataset dataset, HealthOptions options)
    {
        var groups = dataset.Readable
            .GroupBy(i => dataset.Facts[i].ContentHash)
            .Where(group => group.Count() > 1)
            .Select(group => group.OrderBy(i => SplitOrder.Rank(dataset.Samples[i].Split)).ToArray())
            .ToArray();
        var acrossSplits = groups.Where(group => group.Select(i => dataset.Samples[i].Split).Distinct().Count() > 1).ToArray();
        var leaked = acrossSplits.Sum(group =>
        {
            var firstRank = SplitOrder.Rank(dataset.Samples[group[0]].Split);
            return group.Count(i => SplitOrder.Rank(dataset.Samples[i].Split) > firstRank);
        });
        var listed = groups
            .OrderByDescending(group => acrossSplits.Contains(group))
            .Take(options.ListedExamples)
            .Select(group => new DuplicateGroup([.. group.Select(dataset.RefOf)], acrossSplits.Contains(group)))
            .ToArray();
        var section = new ExactDuplicates(groups.Length, acrossSplits.Length, leaked, listed);
        return (section, Finding(section));
    }

    private static HealthFinding Finding(ExactDuplicates section)
    {
        if (section.GroupsAcrossSplits > 0)
        {
            return new HealthFinding(HealthChecks.ExactDuplicates, HealthVerdicts.Problem,
                $"{section.LeakedImages} validation/test image(s) are identical to images of an earlier split ({section.GroupsAcrossSplits} set(s) of copies across splits): "
                + "the model is evaluated on images it trained on, and its accuracy there overstates it. Remove the copies from one side.");
        }

        return section.Groups > 0
            ? new HealthFinding(HealthChecks.ExactDuplicates, HealthVerdicts.Warning,
                $"{section.Groups} set(s) of identical images within a split: those images weigh double in training.")
            : new HealthFinding(HealthChecks.ExactDuplicates, HealthVerdicts.Ok, "No identical images.");
    }
}
