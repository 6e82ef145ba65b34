using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

public sealed record JobProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Percent, double ImagesPerSecond, TimeSpan? Eta)
{
    public static JobProgress Of(TrainingProgress p) => new(p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, p.Percent, p.ImagesPerSecond, p.Eta);
}
