using System.Text.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Datasets;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Jobs;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Training.Sweeps;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// Takes a sweep's next decisions from its records and carries them out, each as a change only one process can make:
/// a new trial is an insert unique per (sweep, trial number), a promotion a conditional update from "paused at rung
/// k", the end a conditional update from "running". Any number of processes may advance the same sweep at once.
/// </summary>
public sealed class SweepCoordinator(
    SweepStore sweeps, RunStore runs, JobScheduler scheduler, RunCancellation cancellation, DatasetStore datasets, ModelStore models,
    TrialJobs trialJobs, IOptions<LimitsOptions> limits, ILogger<SweepCoordinator> logger)
{
    public void Advance(string sweepId)
    {
        if (sweeps.Get(sweepId) is not { State: SweepState.Running } sweep)
            return;
        var trials = sweeps.Trials(sweepId);
        var histories = sweeps.Histories(trials.Select(t => t.Id).ToList());
        var decision = SweepScheduler.Next(sweep.Spec.Plan(), trials.Select(t => SweepTrials.Record(t, histories, sweep.Spec.Objective)).ToList());
        if (decision.End is { } end)
        {
            if (!sweeps.TryEnd(sweepId, SweepState.Finished, end))
                return;
            logger.LogInformation("Sweep {SweepId} finished: {Reason}", sweepId, end);
            if (end == SweepEnd.TargetReached)
                StopTrials(trials);
            return;
        }
        foreach (var promotion in decision.Promotions)
            Promote(sweep, trials.First(t => t.SweepTrial == promotion.Trial), promotion.ToRung);
        foreach (var trial in decision.NewTrials)
            Start(sweep, trial);
    }

    /// <summary>Cancels a running sweep and stops its trials (each keeps its checkpoints).</summary>
    /// <returns>False when the sweep had ended already.</returns>
    public bool Cancel(string sweepId)
    {
        if (!sweeps.TryEnd(sweepId, SweepState.Cancelled, null))
            return false;
        StopTrials(sweeps.Trials(sweepId));
        logger.LogInformation("Sweep {SweepId} cancelled", sweepId);
        return true;
    }

    private void StopTrials(IEnumerable<RunRow> trials)
    {
        foreach (var trial in trials)
            Stop(trial);
    }

    /// <summary>
    /// Cancels the trial, read again when it changed meanwhile (a worker took it between reading and cancelling:
    /// a queued trial is then a running one, to be asked to stop).
    /// </summary>
    private void Stop(RunRow trial)
    {
        for (var attempt = 0; attempt < 5 && !JobTransitions.IsFinished(trial.State); attempt++)
        {
            if (cancellation.TryCancel(trial) || runs.Get(trial.Id) is not { } now)
                return;
            trial = now;
        }
    }

    /// <summary>
    /// A trial queued by a decision taken just as the sweep ended: ending reads the trials after it ends the sweep, so
    /// a trial queued before that read is stopped there, and one queued after it is stopped here.
    /// </summary>
    private void StopIfEnded(string sweepId, RunRow trial)
    {
        if (sweeps.Get(sweepId) is not { State: SweepState.Running })
            Stop(trial);
    }

    private void Promote(SweepRow sweep, RunRow trial, int toRung)
    {
        var rungs = sweep.Spec.Rungs;
        var limit = toRung == rungs.Count - 1 ? (int?)null : rungs[toRung];
        if (!sweeps.TryPromote(trial.Id, toRung - 1, toRung, limit))
            return;
        var promoted = runs.Get(trial.Id)!;
        scheduler.Submit(promoted);
        StopIfEnded(sweep.Id, promoted);
        logger.LogInformation("Sweep {SweepId}: trial {Trial} promoted to rung {Rung} ({Epochs} epochs)", sweep.Id, trial.SweepTrial, toRung, rungs[toRung]);
    }

    private void Start(SweepRow sweep, int trial)
    {
        var spec = sweep.Spec;
        var parameters = spec.ParametersOf(trial);
        var tag = new SweepTrialTag(sweep.Id, trial, parameters, spec.Rungs.Count > 1 ? spec.Rungs[0] : null);
        var dataset = datasets.Get(sweep.DatasetId);
        RunRow run;
        try
        {
            var request = trialJobs.Build(spec.Job, parameters, spec.MaxEpochs);
            var source = request.Model?.From is { } from ? models.Get(from) : null;
            var training = trialJobs.TrainingOf(request, source is not null);
            var errors = JobValidation.Validate(request, training, dataset, source, limits.Value.MaxModelParameters);
            var failure = errors.Count == 0 ? null : string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            run = NewRun.For(request, training, dataset ?? throw new InvalidOperationException($"Dataset {sweep.DatasetId} of sweep {sweep.Id} has been deleted."),
                source, $"{sweep.Name}-t{trial}", tag, failure);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            logger.LogWarning("Sweep {SweepId}: trial {Trial} cannot be made ({Problem}); the sweep is cancelled", sweep.Id, trial, e.Message);
            Cancel(sweep.Id);
            return;
        }
        if (!sweeps.TryAddTrial(run))
            return;
        if (run.State == JobState.Queued)
        {
            scheduler.Submit(run);
            StopIfEnded(sweep.Id, run);
        }
        logger.LogInformation("Sweep {SweepId}: trial {Trial} is job {RunId} ({Parameters})", sweep.Id, trial, run.Id, JsonSerializer.Serialize(parameters));
    }
}
