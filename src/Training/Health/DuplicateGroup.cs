namespace ResNetService.Training.Health;

/// <summary>Images with byte-for-byte the same content.</summary>
public sealed record DuplicateGroup(IReadOnlyList<SampleRef> Images, bool AcrossSplits);
