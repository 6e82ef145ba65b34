using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ResNetService.Api.Storage;
using ResNetService.Training.Data.Archives;
using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Cli;

/// <summary><c>train</c>: trains a network on a dataset folder or archive without the web service and writes the model.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { HelpName = "path", Description = "Dataset folder, or a .zip, .tar or .tar.gz archive (extracted once into --out).", Required = true };
        var output = new Option<string>("--out") { HelpName = "dir", Description = "Run folder: checkpoints, the model (model.ckpt) and the extracted archive.", Required = true };
        var network = new NetworkLayoutOptions("Preset depth, such as 20 or 56. [default: 20 unless --units is given]");
        var inputSize = CliOption.Of<int?>("--input-size", "int", "Side the images are resized to; unset: the dataset's image size.");
        var from = new Option<string?>("--from") { HelpName = "model.ckpt", Description = "Start from this model (a model.ckpt of train or import): its architecture, input size and weights; "
            + $"--learning-rate and --warmup-epochs then default to {TrainingDefaults.FineTuning.LearningRate} and {TrainingDefaults.FineTuning.WarmupEpochs}. Its classifier is re-initialised when the classes differ." };
        var training = new TrainingOptionsBinding();
        var device = CliOption.Device("Device to train on.");

        var command = new Command("train", "Train a network on a dataset without the web service: a progress bar, per-epoch metrics, the test report and the model file. "
            + "Ctrl+C checkpoints and exits with 130; the same command resumes.");
        command.Add(data);
        command.Add(output);
        network.AddTo(command);
        command.Add(inputSize);
        command.Add(from);
        training.AddTo(command);
        command.Add(device);
        command.SetAction(result =>
        {
            var size = result.GetValue(inputSize);
            var model = network.Read(result, defaultDepth: 20).Into<TrainingNetwork>() with { InputHeight = size, InputWidth = size };
            var checkpoint = result.GetValue(from);
            if (checkpoint is not null && !File.Exists(checkpoint))
                throw new CliUsageException($"--from '{checkpoint}' is not a file.");
            var options = training.Request(result, StorageJson.Compact).Resolve(fineTuning: checkpoint is not null, StorageJson.Compact);
            OptionsValidation.ThrowIfInvalid(options);
            var settings = new TrainerSettings { Device = result.GetRequiredValue(device) };
            var runFolder = Path.GetFullPath(result.GetRequiredValue(output));
            var job = new TrainingJob(DatasetFolder(result.GetRequiredValue(data), runFolder, result.InvocationConfiguration.Output), model, options, runFolder, settings,
                From: checkpoint is null ? null : new FineTuneSource(Path.GetFullPath(checkpoint)));
            return Run(job, result.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(TrainingJob job, TextWriter output)
    {
        using var interrupt = new InterruptOnCtrlC();
        var progress = new TerminalProgress(output, TerminalWidth.IsInteractive(output));
        TrainingResult result;
        try
        {
            result = new Trainer().Run(job, progress, interrupt.Token);
        }
        catch (ExternalException)
        {
            output.WriteLine($"Stopped by a libtorch error; the checkpoints in {job.RunFolder} are kept. Run the same command again to resume from the last one.");
            throw;
        }
        WriteResult(result, output);
        return result.Outcome == TrainingOutcome.Cancelled ? CommandLine.Interrupted : 0;
    }

    /// <summary>A folder is used in place; an archive is extracted once into the run folder (kept for resuming).</summary>
    internal static string DatasetFolder(string data, string runFolder, TextWriter output)
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
        output.WriteLine(result.ValidatedOnTrainingImages
            ? string.Create(CultureInfo.InvariantCulture,
                $"Done: last epoch {result.BestEpoch} (too few images per class to hold a validation split out), accuracy on the training images {result.BestValidationAccuracy:P2}")
            : string.Create(CultureInfo.InvariantCulture,
                $"{(result.Outcome == TrainingOutcome.StoppedEarly ? "Stopped early" : "Done")}: best epoch {result.BestEpoch}, validation accuracy {result.BestValidationAccuracy:P2}"));
        if (result.Test is { } test)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{test.Split} accuracy {test.Accuracy:P2}, loss {test.Loss:F4}{(test.Top5Accuracy is { } t ? $", top-5 {t:P2}" : "")}"));
            var table = new TextTable(new("class", Wraps: true), new("precision", AlignRight: true), new("recall", AlignRight: true), new("f1", AlignRight: true), new("support", AlignRight: true));
            foreach (var c in test.PerClass)
                table.Add(c.Label, F3(c.Precision), F3(c.Recall), F3(c.F1), c.Support.ToString(CultureInfo.InvariantCulture));
            table.Write(output, TerminalWidth.Of(output));
        }
        output.WriteLine($"Model: {result.ModelPath}");
    }

    private static string F3(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
