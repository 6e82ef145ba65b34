namespace ResNetService.Api.Records;

/// <summary>What came of deleting a dataset or model: deleted, not there, or kept because a run still to finish uses it.</summary>
/// <param name="Found">Whether there was one with that id.</param>
/// <param name="InUseBy">A run still to finish that uses it; then nothing was deleted.</param>
public sealed record Deletion(bool Found, RunRow? InUseBy)
{
    public bool Deleted => Found && InUseBy is null;
}
