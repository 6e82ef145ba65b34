namespace ResNetService.Api.Records;

/// <summary>A key made at run time; only the hash of its secret is kept.</summary>
public sealed class ApiKeyRow
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>SHA-256 of the secret, hex; unique.</summary>
    public required string Hash { get; init; }
    public required string Prefix { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}
