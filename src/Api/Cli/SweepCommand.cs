using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Api.Sweeps;
using ResNetService.Training.Engine;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Cli;

/// <summary><c>sweep</c>: a hyperparameter sweep on this machine, from the same JSON spec as <c>POST /sweeps</c>.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var spec = new Option<string>("--spec") { HelpName = "file.json", Required = true,
            Description = "The sweep, as the body of POST /sweeps: job (model, training; no datasetId), searchSpace, search, scheduler, objective, budget." };
        var data = new Option<string>("--data") { HelpName = "path", Description = "Dataset folder, or a .zip, .tar or .tar.gz archive (extracted once into --out).", Required = true };
        var output = new Option<string>("--out") { HelpName = "dir", Description = "Sweep folder: each trial's checkpoints and model in trial-N/. The same command run again goes on from them.", Required = true };
        var device = CliOption.Device("Device to train on.");
        var command = new Command("sweep", "Search hyperparameters without the web service, from the spec POST /sweeps takes: trials one after another, the weak ones "
            + "stopped early (ASHA), then the table of trials, the epochs spent and the best model. Ctrl+C keeps the checkpoints (exit 130); the same command goes on.")
        {
            spec, data, output, device,
        };
        command.SetAction(result =>
        {
            var jobs = new TrialJobs(StorageJson.Compact);
            var (errors, settled) = SweepTerms.Settle(Read(result.GetRequiredValue(spec)), jobs);
            if (errors.Count > 0)
                throw new CliUsageException(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            var folder = Path.GetFullPath(result.GetRequiredValue(output));
            var writer = result.InvocationConfiguration.Output;
            var sweep = new LocalSweep(settled!, jobs, TrainCommand.DatasetFolder(result.GetRequiredValue(data), folder, writer), folder,
                new TrainerSettings { Device = result.GetRequiredValue(device) }, writer);
            return Run(sweep, settled!, writer);
        });
        return command;
    }

    private static CreateSweepRequest Read(string path)
    {
        if (!File.Exists(path))
            throw new CliUsageException($"--spec '{path}' is not a file.");
        try
        {
            var body = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new CliUsageException($"--spec '{path}' is not a JSON object.");
            var request = body.Deserialize<CreateSweepRequest>(StorageJson.Compact)!;
            return request with { JobJson = body["job"] as JsonObject };
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"--spec '{path}' is not a sweep: {e.Message}");
        }
    }

    private static int Run(LocalSweep sweep, SweepSpec spec, TextWriter output)
    {
        using var interrupt = new InterruptOnCtrlC();
        output.WriteLine($"Rungs at {string.Join(", ", spec.Rungs)} epochs; {spec.Trials} trials.");
        var end = sweep.Run(interrupt.Token);
        WriteTable(sweep, spec, output);
        if (end is not null)
            return 0;
        output.WriteLine("Interrupted; the checkpoints were kept. Run the same command again to go on.");
        return CommandLine.Interrupted;
    }

    private static void WriteTable(LocalSweep sweep, SweepSpec spec, TextWriter output)
    {
        var table = new TextTable(new("trial", AlignRight: true), new("parameters", Wraps: true), new("state"), new("epochs", AlignRight: true), new("best", AlignRight: true));
        foreach (var trial in sweep.Trials.OrderBy(t => t.Index))
        {
            var state = trial.Status switch
            {
                TrialStatus.Paused => $"stopped at rung {trial.Rung}",
                TrialStatus.Completed => "completed",
                var other => other.ToString().ToLowerInvariant(),
            };
            table.Add(trial.Index.ToString(CultureInfo.InvariantCulture), LocalSweep.Describe(spec.ParametersOf(trial.Index)), state,
                trial.Values.Count.ToString(CultureInfo.InvariantCulture), spec.Objective.Best(trial.Values)?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
        }
        table.Write(output, TerminalWidth.Of(output));
        var spent = sweep.Trials.Sum(t => t.Values.Count);
        var full = sweep.Trials.Count * spec.MaxEpochs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epochs spent: {spent} of {full} for every trial trained to the end ({100.0 * spent / Math.Max(1, full):F0}%)."));
        var best = sweep.Trials.Where(t => t.Status == TrialStatus.Completed && t.Values.Count > 0)
            .MaxBy(t => spec.Objective.Direction == ObjectiveGoal.Max ? spec.Objective.Best(t.Values)!.Value : -spec.Objective.Best(t.Values)!.Value);
        if (best is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Best: trial {best.Index}, {JsonNamingPolicy.CamelCase.ConvertName(spec.Objective.Metric.ToString())} {spec.Objective.Best(best.Values):F4}; model {Path.Combine(sweep.FolderOf(best.Index), Trainer.ModelFileName)}"));
    }
}
