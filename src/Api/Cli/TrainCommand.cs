using System.Globalization;
using ResNetService.Training.Data;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Cli;

/// <summary><c>train</c>: trains a network on a dataset folder or archive without the web service and writes the model.</summary>
public static class TrainCommand
{
    public const string Usage =
        "train --data PATH --out DIR [--depth 20] [--bottleneck true|false] [--units 3,3,3 --filters 16,16,32,64] [--input-size 32] "
        + "[--epochs 10] [--batch 128] [--lr 0.1] [--momentum 0.9] [--nesterov] [--wd 0.0001] [--schedule cosine|step] [--lr-steps 30,60] "
        + "[--lr-factor 0.1] [--warmup 0] [--augment true|false] [--label-smoothing 0] [--seed 42] [--patience N] [--validation-fraction 0.1] [--device auto]";

    public static int Run(CliArguments args, TextWriter output)
    {
        var data = args.RequiredString("data");
        var runFolder = Path.GetFullPath(args.RequiredString("out"));
        var inputSize = args.Int("input-size");
        var model = new ModelRequest(args.Int("depth") ?? (args.IntList("units") is null ? 20 : null), args.Bool("bottleneck"),
            args.IntList("units"), args.IntList("filters"), inputSize, inputSize);
        var defaults = new TrainingOptions();
        var options = new TrainingOptions
        {
            Epochs = args.Int("epochs") ?? defaults.Epochs,
            BatchSize = args.Int("batch") ?? defaults.BatchSize,
            LearningRate = args.Double("lr") ?? defaults.LearningRate,
            Momentum = args.Double("momentum") ?? defaults.Momentum,
            Nesterov = args.Flag("nesterov"),
            WeightDecay = args.Double("wd") ?? defaults.WeightDecay,
            Schedule = args.String("schedule") is { } schedule ? ParseSchedule(schedule) : defaults.Schedule,
            LearningRateStepEpochs = args.IntList("lr-steps") ?? defaults.LearningRateStepEpochs,
            LearningRateFactor = args.Double("lr-factor") ?? defaults.LearningRateFactor,
            WarmupEpochs = args.Double("warmup") ?? defaults.WarmupEpochs,
            Augment = args.Bool("augment") ?? defaults.Augment,
            LabelSmoothing = args.Double("label-smoothing") ?? defaults.LabelSmoothing,
            Seed = args.Int("seed") ?? defaults.Seed,
            EarlyStoppingPatience = args.Int("patience"),
            ValidationFraction = args.Double("validation-fraction") ?? defaults.ValidationFraction,
        };
        var settings = new TrainerSettings { Device = args.String("device") ?? new TrainerSettings().Device };
        args.RejectUnknown();
        OptionsValidation.ThrowIfInvalid(options);
        OptionsValidation.ThrowIfInvalid(settings);

        var datasetFolder = DatasetFolder(data, runFolder, output);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var progress = new TerminalProgress(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            var result = new Trainer().Run(new TrainingJob(datasetFolder, model, options, runFolder, settings), progress, cancel.Token);
            WriteResult(result, output);
            return result.Outcome == TrainingOutcome.Cancelled ? CommandLine.Interrupted : 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static LearningRateScheduleKind ParseSchedule(string value) =>
        Enum.TryParse<LearningRateScheduleKind>(value, ignoreCase: true, out var kind)
            ? kind
            : throw new CliUsageException($"--schedule takes cosine or step, not '{value}'.");

    /// <summary>A folder is used in place; an archive is extracted once into the run folder (kept for resuming).</summary>
    private static string DatasetFolder(string data, string runFolder, TextWriter output)
    {
        if (Directory.Exists(data))
            return data;
        if (!File.Exists(data))
            throw new CliUsageException($"--data '{data}' is neither a folder nor an archive file.");
        var extracted = Path.Combine(runFolder, "dataset");
        if (Directory.Exists(extracted))
            return extracted;
        // Extracted beside the final name and renamed, so an interrupted extraction is never mistaken for a dataset.
        var staging = extracted + ".partial";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        output.WriteLine($"Extracting {data} into {extracted}...");
        ArchiveExtractor.Extract(data, staging, ExtractionLimits.Default);
        Directory.Move(staging, extracted);
        return extracted;
    }

    private static void WriteResult(TrainingResult result, TextWriter output)
    {
        if (result.Outcome == TrainingOutcome.Cancelled)
        {
            output.WriteLine("Interrupted; a checkpoint was kept. Run the same command again to resume.");
            return;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Outcome == TrainingOutcome.StoppedEarly ? "Stopped early" : "Done")}: best epoch {result.BestEpoch}, validation accuracy {result.BestValidationAccuracy:P2}"));
        if (result.Test is { } test)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{test.Split} accuracy {test.Accuracy:P2}, loss {test.Loss:F4}{(test.Top5Accuracy is { } t ? $", top-5 {t:P2}" : "")}"));
            output.WriteLine($"{"class",-20} {"precision",10} {"recall",10} {"f1",10} {"support",8}");
            foreach (var c in test.PerClass)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label,-20} {c.Precision,10:F3} {c.Recall,10:F3} {c.F1,10:F3} {c.Support,8}"));
        }
        output.WriteLine($"Model: {result.ModelPath}");
    }
}
