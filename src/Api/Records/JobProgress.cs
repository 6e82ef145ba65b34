using ResNetService.Training.Telemetry;

namespace ResNetService.Api.Records;

/// <param name="Loss">Mean training loss of the epoch so far; null in records written before it was kept.</param>
/// <param name="Accuracy">Training accuracy of the epoch so far; null likewise.</param>
public sealed record JobProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Percent, double ImagesPerSecond, TimeSpan? Eta,
    double? Loss = null, double? Accuracy = null)
{
    /// <summary><see cref="Eta"/> in seconds, as every other duration the API gives.</summary>
    public double? EtaSeconds => Eta?.TotalSeconds;

    public static JobProgress Of(TrainingProgress p) =>
        new(p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, p.Percent, p.ImagesPerSecond, p.Eta, p.Loss, p.Accuracy);
}
