namespace ResNetService.Training.FineTuning;

/// <summary>
/// The model a run starts from: a model checkpoint whose architecture, input size and weights the run takes over.
/// The classifier is kept when the dataset has the same classes in the same order, else re-initialised.
/// </summary>
public sealed record FineTuneSource(string CheckpointPath);
