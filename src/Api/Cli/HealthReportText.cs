using System.Globalization;
using ResNetService.Training.Health;

namespace ResNetService.Api.Cli;

/// <summary>A health report as a person reads it on a terminal: the findings, then what each one found.</summary>
internal static class HealthReportText
{
    public static void Write(HealthReport report, TextWriter output)
    {
        var splits = string.Join(", ", report.Splits.Select(split => $"{split.Key} {split.Value}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Format}, {report.Images} images ({splits}), checked in {report.Seconds:F1} s: {report.Verdict}"));
        var table = new TextTable(new("verdict"), new("check"), new("finding", Wraps: true));
        foreach (var finding in report.Findings)
            table.Add(finding.Verdict, finding.Check, finding.Message);
        table.Write(output, TerminalWidth.Of(output));

        Section(output, "Identical images", report.ExactDuplicates.Listed.Select(group => string.Join(" = ", group.Images.Select(Name))));
        Section(output, "Near-duplicates across splits", report.NearDuplicates.Listed.Select(pair => $"{Name(pair.First)} ~ {Name(pair.Second)} (distance {pair.Distance})"));
        Section(output, "Unreadable", report.Unreadable.Listed.Select(file => $"{Name(file.Image)}: {file.Reason}"));
        Section(output, $"Smaller than {report.SmallImages.MinimumSide} pixels", report.SmallImages.Listed.Select(Name));
        Section(output, "Grayscale among colour", report.Colour.ListedGrayscale.Select(Name));
        output.WriteLine();
        output.WriteLine("Training images per class: " + string.Join(", ", report.ClassBalance.Train.Select(count => $"{count.Class} {count.Images}")));
        output.WriteLine("Most common sizes: " + string.Join(", ", report.Sizes.Common.Select(size => $"{size.Width}×{size.Height} ({size.Images})")));
    }

    private static string Name(SampleRef image) => image.Name;

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        var listed = lines.ToArray();
        if (listed.Length == 0)
            return;
        output.WriteLine();
        output.WriteLine($"{title}:");
        foreach (var line in listed)
            output.WriteLine($"  {line}");
    }
}
