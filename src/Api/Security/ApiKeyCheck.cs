using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Security;

/// <summary>Whether a request carries the configured API key (always true when none is configured).</summary>
public sealed class ApiKeyCheck(IOptions<AuthOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public bool IsAuthorized(HttpContext context) => IsAuthorized(context.Request.Headers[AuthOptions.HeaderName].ToString());

    public bool IsAuthorized(string presented) =>
        // Constant time, so response timing does not reveal how much of a guess was right.
        _expected is null || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
