namespace ResNetService.Api.Security;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string HeaderName = "X-Api-Key";

    /// <summary>When set, every mutating endpoint and the dashboard require it in <see cref="HeaderName"/>.</summary>
    public string? ApiKey { get; set; }

    public bool RequireKeyForClassify { get; set; }
}
