namespace ResNetService.Api.Sweeps;

/// <summary>The sweep's best objective value after one more epoch, of any trial, was trained.</summary>
/// <param name="EpochsSpent">Epochs trained by every trial together up to and including this one.</param>
/// <param name="Trial">The trial that trained this epoch.</param>
/// <param name="Value">The objective's best value over every epoch trained so far.</param>
public sealed record BestSoFarPoint(int EpochsSpent, int Trial, double Value);
