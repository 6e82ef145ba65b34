using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ResNetService.Training.Checkpointing;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>
/// Writes the training checkpoints a run resumes from: after every epoch, inside an epoch once
/// <paramref name="everyMinutes"/> have passed since the last one (0: never), and where a cancelled run stopped.
/// </summary>
/// <param name="mayWrite">Asked before every checkpoint: false once the run is no longer this trainer's.</param>
internal sealed class ResumeCheckpoints(TrainingCheckpoints checkpoints, double everyMinutes, Func<bool> mayWrite, ILogger logger) : ITrainingCallback
{
    private readonly Stopwatch _sinceCheckpoint = new();

    public void OnRunStart(TrainingRun run, TrainerState state) => _sinceCheckpoint.Restart();

    public void OnBatchEnd(TrainingRun run, TrainerState state, BatchEnd batch)
    {
        // The epoch's last batch is left to the checkpoint after its validation.
        if (everyMinutes > 0 && _sinceCheckpoint.Elapsed.TotalMinutes >= everyMinutes && state.StepInEpoch < run.StepsPerEpoch && mayWrite())
        {
            Save(run, state);
            _sinceCheckpoint.Restart();
        }
    }

    public void OnEpochEnd(TrainingRun run, TrainerState state)
    {
        if (mayWrite())
            Save(run, state);
        _sinceCheckpoint.Restart();
    }

    public void OnCancelled(TrainingRun run, TrainerState state)
    {
        if (!mayWrite())
        {
            logger.LogInformation("Stopped at epoch {Epoch} step {Step}; the run is no longer this trainer's, so no checkpoint is written", state.Epoch, state.StepInEpoch);
            return;
        }
        var path = Save(run, state);
        logger.LogInformation("Cancelled at epoch {Epoch} step {Step}; checkpoint {Checkpoint} kept", state.Epoch, state.StepInEpoch, path);
    }

    private string Save(TrainingRun run, TrainerState state) => checkpoints.Save(run.Model, run.Description, run.Optimizer, state);
}
