using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Security;

/// <summary>Who may use the service without a key (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string HeaderName = "X-Api-Key";

    public const int MinKeyLength = 32;

    /// <summary>The bootstrap key: every scope, admin included. More keys are made at run time (<c>POST /keys</c>).</summary>
    [MinLength(MinKeyLength, ErrorMessage = "the key needs at least 32 characters (make one with: openssl rand -hex 24).")]
    [DataType(DataType.Password)]
    public string? ApiKey { get; set; }

    /// <summary>Serve the network without keys, knowingly: requests without a key may read, train and classify (not administer).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Requests without a key may classify; everything else still needs one.</summary>
    public bool AnonymousClassify { get; set; }
}
