namespace ResNetService.Training.Telemetry;

/// <summary>A snapshot of a running training, reported every few batches.</summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double Accuracy,
    double LearningRate,
    double ImagesPerSecond,
    TimeSpan? Eta)
{
    /// <summary>Share of the whole run done, 0 to 100.</summary>
    public double Percent => Epochs == 0 || StepsPerEpoch == 0 ? 0 : 100.0 * ((Epoch - 1) * StepsPerEpoch + Step) / ((double)Epochs * StepsPerEpoch);
}
