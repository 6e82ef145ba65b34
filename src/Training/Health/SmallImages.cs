namespace ResNetService.Training.Health;

/// <summary>Images whose shorter side is well under the input side: training enlarges them into blur.</summary>
public sealed record SmallImages(int InputSize, int MinimumSide, int Count, IReadOnlyList<SampleRef> Listed);
