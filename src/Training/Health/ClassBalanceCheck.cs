using System.Globalization;
using ResNetService.Training.Data;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Health;

internal static class ClassBalanceCheck
{
    public static (ClassBalanceSummary Section, HealthFinding Finding) Run(ScannedDataset dataset, HealthOptions options)
    {
        var counts = new int[dataset.Classes.Count];
        foreach (var i in dataset.Readable.Where(i => dataset.Samples[i].Split == SplitNames.Train))
            counts[dataset.Samples[i].Label]++;
        var (largest, smallest) = (counts.Max(), counts.Min());
        double? ratio = smallest == 0 ? null : (double)largest / smallest;
        var verdict = ratio is not { } r || r >= options.ImbalanceProblemRatio ? HealthVerdicts.Problem
            : r >= options.ImbalanceWarningRatio ? HealthVerdicts.Warning
            : HealthVerdicts.Ok;
        var suggestion = verdict == HealthVerdicts.Ok || ratio is null ? null : nameof(ClassBalance.Weights).ToLowerInvariant();
        var largestClass = dataset.Classes[Array.IndexOf(counts, largest)];
        var smallestClass = dataset.Classes[Array.IndexOf(counts, smallest)];
        var message = ratio switch
        {
            null => $"Class '{smallestClass}' has no readable training images.",
            _ when suggestion is not null => string.Create(CultureInfo.InvariantCulture,
                $"'{largestClass}' has {ratio:0.#}× the training images of '{smallestClass}' ({largest} vs {smallest}): the model will favour the large classes. "
                + $"Set training.classBalance to {suggestion} (or sampler), or gather more of the small classes."),
            _ => string.Create(CultureInfo.InvariantCulture, $"Classes are balanced: the largest has {ratio:0.#}× the training images of the smallest."),
        };
        var section = new ClassBalanceSummary([.. dataset.Classes.Select((name, label) => new ClassCount(name, counts[label]))], ratio, suggestion);
        return (section, new HealthFinding(HealthChecks.ClassBalance, verdict, message));
    }
}
