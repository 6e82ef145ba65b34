namespace ResNetService.Training.Health;

/// <summary>How far a health check has got: images read of the total.</summary>
public sealed record HealthProgress(int Scanned, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Scanned / Total;
}
