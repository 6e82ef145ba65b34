using System.CommandLine;
using ResNetService.Api.Models;
using ResNetService.Api.Security;

namespace ResNetService.Api.Cli;

/// <summary><c>import</c>: checks a weights file trained elsewhere against an architecture and writes it as a model checkpoint.</summary>
internal static class ImportCommand
{
    /// <summary>The spec's field names as this verb's options, for its error lines.</summary>
    private static readonly Dictionary<string, string> OptionOf = new()
    {
        ["architecture"] = "--depth", ["architecture.depth"] = "--depth", ["architecture.bottleneck"] = "--bottleneck",
        ["architecture.units"] = "--units", ["architecture.filters"] = "--filters", ["architecture.inputSize"] = "--input",
        ["architecture.inputChannels"] = "--input", ["architecture.inputHeight"] = "--input", ["architecture.inputWidth"] = "--input",
        ["classes"] = "--classes", ["mean"] = "--mean", ["std"] = "--std", ["format"] = "--format", ["evalTransform"] = "--eval-transform",
    };

    public static Command Create()
    {
        var weights = new Option<string>("--weights") { HelpName = "path", Description = "The weights file: a PyTorch state dict (.pt, .pth), safetensors, an MXNet .params file or a checkpoint (.ckpt).", Required = true };
        var format = CliOption.Of<string?>("--format", string.Join('|', ImportFields.FormatNames), "The file's format; unset: from its extension.");
        var network = new NetworkLayoutOptions("Preset depth of the network the weights are for, such as 20 or 50; or give --units and --filters.");
        var input = CliOption.Shape("--input", "Input channels x height x width the network takes, such as 3x32x32.");
        var classes = CliOption.Of<string?>("--classes", "a,b,c", "Class names in the order of the classifier's outputs (or a JSON array).");
        var mean = CliOption.Of<string?>("--mean", "m,m,m", "Per-channel mean of pixels scaled to [0, 1], such as 0.485,0.456,0.406. [default: 0]");
        var std = CliOption.Of<string?>("--std", "s,s,s", "Per-channel standard deviation, such as 0.229,0.224,0.225. [default: 1]");
        var evalTransform = CliOption.Of<string?>("--eval-transform", "squash|centerCrop",
            "How a whole image becomes the input: all of it resized, or the centre crop at input / 0.875. [default: a checkpoint's own, else centerCrop for large inputs, squash for small]");
        var output = new Option<string>("--out") { HelpName = "file", Description = "The checkpoint to write, such as model.ckpt.", Required = true };

        var command = new Command("import", "Check a weights file trained elsewhere against an architecture (every tensor's name and shape, no NaN "
            + "or infinity) and write it as a model checkpoint. Serve it by uploading it: curl -F file=@model.ckpt -F format=checkpoint "
            + "http://localhost:8080/models/import. A checkpoint given as --weights needs no architecture or classes.");
        command.Add(weights);
        command.Add(format);
        network.AddTo(command);
        command.Add(input);
        command.Add(classes);
        command.Add(mean);
        command.Add(std);
        command.Add(evalTransform);
        command.Add(output);
        command.SetAction(result =>
        {
            var errors = new Dictionary<string, string[]>();
            var path = result.GetRequiredValue(weights);
            if (!File.Exists(path))
                throw new CliUsageException($"--weights '{path}' is not a file.");
            var shape = result.GetValue(input);
            var architecture = shape is null && !network.IsGiven(result) ? null
                : network.Read(result).Into<ImportNetwork>() with { InputHeight = shape?.Height, InputWidth = shape?.Width, InputChannels = shape?.Channels ?? 3 };
            var weightsFormat = ImportFields.Format(result.GetValue(format), path, errors);
            var spec = new ModelImportSpec(architecture, ImportFields.Classes(result.GetValue(classes), errors),
                ImportFields.Numbers(result.GetValue(mean), "mean", errors), ImportFields.Numbers(result.GetValue(std), "std", errors),
                EvalTransform: ImportFields.EvalTransform(result.GetValue(evalTransform), errors));
            var target = Path.GetFullPath(result.GetRequiredValue(output));
            var description = errors.Count == 0 ? spec.ImportToCheckpoint(path, weightsFormat!.Value, target, errors) : null;
            if (description is null)
            {
                foreach (var (field, messages) in errors)
                    result.InvocationConfiguration.Error.WriteLine($"{OptionOf.GetValueOrDefault(field, field)}: {string.Join(" ", messages)}");
                return CommandLine.UsageError;
            }
            var terminal = result.InvocationConfiguration.Output;
            terminal.WriteLine($"Wrote {target}: {description.Architecture}, classes {string.Join(", ", description.Classes)}.");
            terminal.WriteLine($"Serve it: curl -F file=@{Path.GetFileName(target)} -F format=checkpoint http://localhost:{Listening.DefaultPort}/models/import");
            return 0;
        });
        return command;
    }
}
