namespace ResNetService.Training.Hyperparameters;

/// <summary>
/// The options a run gets for every field its request leaves out. A run that starts from a trained model takes a
/// tenth of the from-scratch learning rate (large steps would wash out what the weights already know) and one epoch
/// of warm-up (a re-initialised classifier's first gradients are large).
/// </summary>
public static class TrainingDefaults
{
    public static TrainingOptions FromScratch { get; } = new();

    public static TrainingOptions FineTuning { get; } = new() { LearningRate = 0.01, WarmupEpochs = 1 };

    public static TrainingOptions For(bool fineTuning) => fineTuning ? FineTuning : FromScratch;
}
