namespace ResNetService.Training.Health;

/// <param name="Distance">Bits in which the two difference hashes differ (0 to 64).</param>
public sealed record NearDuplicatePair(SampleRef First, SampleRef Second, int Distance);
