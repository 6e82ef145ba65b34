namespace ResNetService.Training.Sweeps;

/// <summary>Where a trial is, as the scheduler sees it.</summary>
public enum TrialStatus
{
    /// <summary>Queued or training (or waiting for a worker to take it over).</summary>
    Active,
    /// <summary>Stopped at the end of its rung, with its checkpoint, until it is promoted or the sweep ends.</summary>
    Paused,
    /// <summary>Trained all its epochs (or stopped early by its patience).</summary>
    Completed,
    Failed,
    Cancelled,
}
