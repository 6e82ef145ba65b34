namespace ResNetService.Api.Security;

/// <summary>Answer of <c>POST /keys</c>: the only time the secret is shown.</summary>
public sealed record CreatedApiKey(ApiKeyDetails Key, string Secret);
