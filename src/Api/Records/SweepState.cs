namespace ResNetService.Api.Records;

public enum SweepState
{
    /// <summary>Trials are queued, training or waiting for a decision.</summary>
    Running,
    /// <summary>Every trial is done (or one reached the target); trials stopped at a rung stay paused with their checkpoints.</summary>
    Finished,
    /// <summary>Stopped on request: its trials were cancelled with their checkpoints.</summary>
    Cancelled,
}
