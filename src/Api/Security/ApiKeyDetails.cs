using ResNetService.Api.Records;

namespace ResNetService.Api.Security;

/// <summary>A key as <c>GET /keys</c> lists it: never its secret.</summary>
/// <param name="Prefix">The secret's first characters, to recognise it by.</param>
public sealed record ApiKeyDetails(string Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static ApiKeyDetails Of(ApiKeyRow key) => new(key.Id, key.Name, key.Scopes, key.Prefix, key.CreatedAt, key.LastUsedAt);
}
