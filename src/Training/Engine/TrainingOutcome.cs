namespace ResNetService.Training.Engine;

public enum TrainingOutcome
{
    Completed,
    StoppedEarly,
    /// <summary>The cancellation token fired; a consistent checkpoint was written and the run can resume.</summary>
    Cancelled,
}
