using System.CommandLine;
using System.Text.Json;
using ResNetService.Training.Data.Archives;
using ResNetService.Training.Health;

namespace ResNetService.Api.Cli;

/// <summary><c>dataset</c>: datasets on this machine; <c>dataset check</c> prints the health report the service keeps with each dataset.</summary>
internal static class DatasetCommand
{
    /// <summary>The exit code of a check that found problems (as opposed to warnings).</summary>
    public const int ProblemsFound = 3;

    public static Command Create() => new("dataset", "Datasets on this machine, without the service.")
    {
        Check(),
    };

    private static Command Check()
    {
        var path = new Argument<string>("PATH") { Description = "Dataset folder, or a .zip, .tar or .tar.gz archive (extracted into a temporary folder, deleted afterwards)." };
        var nearDistance = CliOption.Count("--near-distance", HealthOptions.Default.NearDuplicateDistance, 0,
            "Images in different splits whose 64-bit difference hashes differ in at most this many bits are near-duplicates.");
        var inputSize = CliOption.Of<int?>("--input-size", "int", "Side a job would resize to, for finding images much smaller than it; unset: the dataset's most common size.");
        var listed = CliOption.Count("--listed", HealthOptions.Default.ListedExamples, 1, "How many duplicates, unreadable files and small images each section lists.");
        var json = CliOption.Flag("--json", "Print the report as JSON (as GET /datasets/{id}/health answers) instead of text.");
        var command = new Command("check", "Check a dataset before training on it: identical and near-identical images across splits, files that do not decode, class balance, "
            + $"image sizes, grayscale among colour, class names that differ only by case. Exits with 0, or {ProblemsFound} when a finding is a problem.")
        {
            path, nearDistance, inputSize, listed, json,
        };
        command.SetAction(result =>
        {
            var options = HealthOptions.Default with
            {
                NearDuplicateDistance = result.GetValue(nearDistance),
                InputSize = result.GetValue(inputSize),
                ListedExamples = result.GetValue(listed),
            };
            OptionsValidation.ThrowIfInvalid(options);
            var output = result.InvocationConfiguration.Output;
            var interactive = TerminalWidth.IsInteractive(output);
            var report = Run(result.GetRequiredValue(path), options, interactive ? new InPlaceProgress(output) : null);
            if (interactive)
                output.WriteLine();
            if (result.GetValue(json))
                output.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
            else
                HealthReportText.Write(report, output);
            return report.Problems().Any() ? ProblemsFound : 0;
        });
        return command;
    }

    private static HealthReport Run(string path, HealthOptions options, IProgress<HealthProgress>? progress)
    {
        if (Directory.Exists(path))
            return DatasetHealthCheck.Run(path, options, progress);
        if (!File.Exists(path))
            throw new CliUsageException($"PATH '{path}' is neither a folder nor an archive file.");
        var extracted = Path.Combine(Path.GetTempPath(), $"resnet-dataset-check-{Guid.NewGuid():N}");
        try
        {
            ArchiveExtractor.Extract(path, extracted, ExtractionLimits.Default);
            return DatasetHealthCheck.Run(extracted, options, progress);
        }
        finally
        {
            if (Directory.Exists(extracted))
                Directory.Delete(extracted, recursive: true);
        }
    }

    /// <summary>Redraws one line as images are checked; called on the checking thread, so it never lands after the report.</summary>
    private sealed class InPlaceProgress(TextWriter output) : IProgress<HealthProgress>
    {
        public void Report(HealthProgress value) => output.Write($"\rChecked {value.Scanned} of {value.Total} images");
    }
}
