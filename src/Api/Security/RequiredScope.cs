namespace ResNetService.Api.Security;

/// <summary>Endpoint metadata: the scope a key needs to call it (what the refusal, the OpenAPI description and the tests read).</summary>
public sealed record RequiredScope(string Name);
