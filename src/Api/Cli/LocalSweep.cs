using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using ResNetService.Api.Records;
using ResNetService.Api.Sweeps;
using ResNetService.Model.Architecture;
using ResNetService.Training.Engine;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Cli;

/// <summary>
/// A sweep on this machine: its trials one after another in folders trial-N/, decided by the same scheduler as the
/// service's. Decisions are a function of the trials' histories and the trainer resumes from checkpoints, so the same
/// command run again replays what was done from the checkpoints and goes on.
/// </summary>
internal sealed class LocalSweep(SweepSpec spec, TrialJobs jobs, string datasetFolder, string folder, TrainerSettings settings, TextWriter output)
{
    private readonly SweepPlan _plan = spec.Plan() with { MaxConcurrent = 1 };
    private readonly Dictionary<int, TrialRecord> _trials = [];
    private readonly Dictionary<int, string> _failures = [];

    public IReadOnlyCollection<TrialRecord> Trials => _trials.Values;

    /// <returns>How the sweep ended; null when it was interrupted.</returns>
    public SweepEnd? Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var decision = SweepScheduler.Next(_plan, [.. _trials.Values]);
            if (decision.End is { } end)
                return end;
            foreach (var promotion in decision.Promotions)
                Train(promotion.Trial, promotion.ToRung, cancellationToken);
            foreach (var trial in decision.NewTrials)
                Train(trial, 0, cancellationToken);
        }
        return null;
    }

    public string FolderOf(int trial) => Path.Combine(folder, $"trial-{trial}");

    public string? FailureOf(int trial) => _failures.GetValueOrDefault(trial);

    private void Train(int trial, int rung, CancellationToken cancellationToken)
    {
        var parameters = spec.ParametersOf(trial);
        var limit = rung == spec.Rungs.Count - 1 ? (int?)null : spec.Rungs[rung];
        TrainingResult? result = null;
        try
        {
            var request = jobs.Build(spec.Job, parameters, spec.MaxEpochs);
            var options = jobs.TrainingOf(request, fineTuning: false);
            var problems = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
                throw new ArgumentException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
            var job = new TrainingJob(datasetFolder, (request.Model ?? new()).ToTrainingNetwork(), options, FolderOf(trial), settings, EpochLimit: limit);
            result = new Trainer().Run(job, null, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidArchitectureException or InvalidOperationException)
        {
            _failures[trial] = e.Message;
        }
        var status = result?.Outcome switch
        {
            null => TrialStatus.Failed,
            TrainingOutcome.Cancelled => TrialStatus.Cancelled,
            TrainingOutcome.ReachedEpochLimit => TrialStatus.Paused,
            _ => TrialStatus.Completed,
        };
        var values = result?.History.Select(spec.Objective.Of).ToList() ?? [];
        _trials[trial] = new TrialRecord(trial, status, rung, values);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trial {trial} ({Describe(parameters)}): {(status == TrialStatus.Failed ? $"failed: {_failures[trial]}" : $"rung {rung}, {values.Count} epochs, best {spec.Objective.Best(values):F4}")}"));
    }

    public static string Describe(IReadOnlyDictionary<string, JsonElement> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}"));
}
