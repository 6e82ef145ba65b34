using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>
/// Something that acts at fixed points of a training session (as a Lightning callback does), keeping to itself what
/// it needs between them. Called on the training thread, in the order the session was given its callbacks. What must
/// survive a resume is kept in the <see cref="TrainerState"/>, which every checkpoint holds.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>The session starts, fresh or resumed at <paramref name="state"/>.</summary>
    void OnRunStart(TrainingRun run, TrainerState state)
    {
    }

    /// <summary>One optimiser step is done; <paramref name="state"/> counts it.</summary>
    void OnBatchEnd(TrainingRun run, TrainerState state, BatchEnd batch)
    {
    }

    /// <summary>The epoch's batches and validation are done; <paramref name="state"/> is still the epoch's.</summary>
    /// <returns>The state with what this callback keeps in it (the run's best epoch, whether to stop).</returns>
    TrainerState OnValidationEnd(TrainingRun run, TrainerState state, EpochMetrics metrics) => state;

    /// <summary>The epoch is over: <paramref name="state"/> stands at the start of the next one, its metrics in the history.</summary>
    void OnEpochEnd(TrainingRun run, TrainerState state)
    {
    }

    /// <summary>The session stopped at its cancellation token, at <paramref name="state"/>.</summary>
    void OnCancelled(TrainingRun run, TrainerState state)
    {
    }
}
