using ResNetService.Training.Data.Formats;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Engine;

/// <summary>
/// One training run: the extracted dataset folder, the network and options, and the run's own folder, which holds
/// its checkpoints and, at the end, <c>model.ckpt</c>. Running the same job again resumes from its last checkpoint.
/// </summary>
/// <param name="Settings">How this machine runs it (device, checkpoint interval...); null: the defaults.</param>
/// <param name="ReadOptions">How strictly the dataset is read (skipped-file threshold, pixel limit); null: the defaults.</param>
/// <param name="From">The model to start from; its architecture then replaces <paramref name="Model"/>. Null: train from scratch.</param>
/// <param name="EpochLimit">
/// Stop after this epoch, checkpointed, short of the options' epochs (a sweep's rung); run again with a higher limit,
/// the job goes on where it stopped, on the learning-rate curve of all its epochs. Null: train every epoch.
/// </param>
/// <param name="Name">The run's name in telemetry (the <c>run</c> tag); null: the run folder's name.</param>
public sealed record TrainingJob(string DatasetFolder, TrainingNetwork Model, TrainingOptions Options, string RunFolder,
    TrainerSettings? Settings = null, DatasetReadOptions? ReadOptions = null, FineTuneSource? From = null, int? EpochLimit = null, string? Name = null)
{
    public string RunName => Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(RunFolder));
}
