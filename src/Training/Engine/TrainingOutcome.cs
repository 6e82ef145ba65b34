namespace ResNetService.Training.Engine;

public enum TrainingOutcome
{
    Completed,
    StoppedEarly,
    /// <summary>The cancellation token fired; a consistent checkpoint was written and the run can resume.</summary>
    Cancelled,
    /// <summary>The job's epoch limit came before its last epoch: checkpointed, it goes on when run with a higher limit.</summary>
    ReachedEpochLimit,
}
