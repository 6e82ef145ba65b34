namespace ResNetService.Training.Health;

/// <summary>Identical images, by a SHA-256 of each file (or record).</summary>
/// <param name="Groups">Sets of identical images.</param>
/// <param name="GroupsAcrossSplits">Sets that span more than one split: the same image trained on and evaluated on.</param>
/// <param name="LeakedImages">Validation and test images that also appear in an earlier split.</param>
/// <param name="Listed">Up to the listing limit of the groups, those across splits first.</param>
public sealed record ExactDuplicates(int Groups, int GroupsAcrossSplits, int LeakedImages, IReadOnlyList<DuplicateGroup> Listed);
