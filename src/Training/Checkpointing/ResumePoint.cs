using ResNetService.Model.Checkpoints;

namespace ResNetService.Training.Checkpointing;

/// <summary>A training checkpoint read back: the network, its description, the optimiser state and where the run was.</summary>
public sealed record ResumePoint(LoadedCheckpoint Checkpoint, byte[] OptimizerState, TrainerState State);
