namespace ResNetService.Training.Health;

/// <summary>Images in different splits that look alike though their bytes differ (resized, re-encoded, lightly edited copies).</summary>
/// <param name="MaxDistance">The Hamming distance threshold used.</param>
/// <param name="Pairs">Pairs across splits within the threshold.</param>
/// <param name="LeakedImages">Validation and test images with a near-duplicate in an earlier split.</param>
/// <param name="Listed">Up to the listing limit of the pairs, closest first.</param>
public sealed record NearDuplicates(int MaxDistance, int Pairs, int LeakedImages, IReadOnlyList<NearDuplicatePair> Listed);
