namespace ResNetService.Api.Security;

/// <summary>Who may use the service without a key (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The bootstrap key: every scope, admin included. More keys are made at run time (<c>POST /keys</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Serve the network without keys, knowingly: requests without a key may read, train and classify (not administer).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Requests without a key may classify; everything else still needs one.</summary>
    public bool AnonymousClassify { get; set; }
}
