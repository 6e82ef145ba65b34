namespace ResNetService.Training.Health;

internal static class ColourCheck
{
    public static (ColourMix Section, HealthFinding Finding) Run(ScannedDataset dataset, HealthOptions options)
    {
        var readable = dataset.Readable.ToArray();
        var grayscale = readable.Where(i => !dataset.Facts[i].IsColour).ToArray();
        var colour = readable.Length - grayscale.Length;
        var section = new ColourMix(colour, grayscale.Length, colour == 0 ? [] : [.. grayscale.Take(options.ListedExamples).Select(dataset.RefOf)]);
        var finding = colour > 0 && grayscale.Length > 0
            ? new HealthFinding(HealthChecks.ColourMix, HealthVerdicts.Warning,
                $"{grayscale.Length} grayscale image(s) among {colour} colour ones: if a class is mostly one or the other, the model may learn colour instead of content.")
            : new HealthFinding(HealthChecks.ColourMix, HealthVerdicts.Ok, colour > 0 ? "Every image is in colour." : "Every image is grayscale.");
        return (section, finding);
    }
}
