namespace ResNetService.Training.Engine;

/// <summary>
/// One training run: the extracted dataset folder, the network and options, and the run's own folder, which holds
/// its checkpoints and, at the end, <c>model.ckpt</c>. Running the same job again resumes from its last checkpoint.
/// </summary>
public sealed record TrainingJob(string DatasetFolder, ModelRequest Model, TrainingOptions Options, string RunFolder);
