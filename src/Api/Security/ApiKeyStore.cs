using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Security;

/// <summary>Keys made at run time, in the records database. A revoked key is gone at once: every request looks its key up.</summary>
public sealed class ApiKeyStore(RecordsDatabase database)
{
    /// <summary>Last-used times are written at most this often per key, so a busy key does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <returns>The stored key and its secret, which is not kept and cannot be shown again.</returns>
    public (ApiKeyRow Key, string Secret) Create(string name, IReadOnlyList<string> scopes)
    {
        var secret = ApiKeySecret.New();
        var key = new ApiKeyRow
        {
            Id = ResourceIds.New(), Name = name, Hash = ApiKeySecret.Hash(secret), Prefix = ApiKeySecret.Prefix(secret), Scopes = scopes,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        using var db = database.Open();
        db.ApiKeys.Add(key);
        db.SaveChanges();
        return (key, secret);
    }

    public IReadOnlyList<ApiKeyRow> List()
    {
        using var db = database.Open();
        return db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToList();
    }

    public bool Any()
    {
        using var db = database.Open();
        return db.ApiKeys.Any();
    }

    public bool Revoke(string id)
    {
        if (!ResourceIds.IsValid(id))
            return false;
        using var db = database.Open();
        return db.ApiKeys.Where(k => k.Id == id).ExecuteDelete() == 1;
    }

    /// <summary>Whether the key is still there: not revoked.</summary>
    /// <summary>
    /// Whether the caller may still read, asked again and again by a long answer (an event stream). Only keys made at
    /// run time can be revoked; the configured key and anonymous access last as long as the process.
    /// </summary>
    public Func<bool> MayRead(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId ? () => Exists(keyId) : () => true;

    public bool Exists(string id)
    {
        using var db = database.Open();
        return db.ApiKeys.Any(k => k.Id == id);
    }

    /// <summary>The key whose secret this is, by its hash (so the secret itself is never compared), noting its use.</summary>
    public ApiKeyRow? Find(string secret)
    {
        var hash = ApiKeySecret.Hash(secret);
        using var db = database.Open();
        var key = db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.Hash == hash);
        if (key is not null && (key.LastUsedAt is null || DateTimeOffset.UtcNow - key.LastUsedAt > LastUsedResolution))
        {
            var now = DateTimeOffset.UtcNow;
            db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdate(set => set.SetProperty(k => k.LastUsedAt, now));
        }
        return key;
    }
}
