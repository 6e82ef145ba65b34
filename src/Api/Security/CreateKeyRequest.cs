namespace ResNetService.Api.Security;

/// <summary>Body of <c>POST /keys</c>.</summary>
/// <param name="Name">Who or what uses the key, such as "ci" or "mobile-app"; shown in listings and the audit log.</param>
/// <param name="Scopes">Any of read, train, classify, admin (admin includes the others).</param>
public sealed record CreateKeyRequest(string Name, IReadOnlyList<string> Scopes);
