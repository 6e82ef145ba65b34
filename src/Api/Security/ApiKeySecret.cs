using System.Security.Cryptography;
using System.Text;

namespace ResNetService.Api.Security;

/// <summary>
/// Key secrets: 240 random bits, shown once and stored only as their SHA-256. A salt would add nothing: the secret is
/// random, not a password a dictionary could guess.
/// </summary>
public static class ApiKeySecret
{
    private const string Marker = "rns_";
    private const int PrefixLength = 8;

    public static string New() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The first characters, shown in listings and logs so a key can be recognised without being revealed.</summary>
    public static string Prefix(string secret) => secret[..Math.Min(secret.Length, Marker.Length + PrefixLength)];
}
