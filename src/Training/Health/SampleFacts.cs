namespace ResNetService.Training.Health;

/// <summary>What one pass over an image learns; <see cref="Problem"/> set means it could not be read and nothing else is known.</summary>
internal readonly record struct SampleFacts(string? ContentHash, int Width, int Height, bool IsColour, ulong DifferenceHash, bool IsFlat, string? Problem)
{
    public bool IsReadable => Problem is null;

    public static SampleFacts Unreadable(string reason) => new(null, 0, 0, false, 0, false, reason);
}
