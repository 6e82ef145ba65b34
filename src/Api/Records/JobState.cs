namespace ResNetService.Api.Records;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>Stopped on request; the last checkpoint is kept and the job can be resumed.</summary>
    Cancelled,
    /// <summary>The worker stopped (shutdown); the job is handed out again and resumes from its last checkpoint.</summary>
    Interrupted,
    /// <summary>A sweep's trial stopped at its rung's epoch limit, with its checkpoint; promoted, it is queued again with a higher limit.</summary>
    Paused,
}
