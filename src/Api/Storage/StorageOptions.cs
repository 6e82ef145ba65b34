using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Storage;

/// <summary>Where the service keeps everything it writes, and the only place datasets may be imported from.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required(AllowEmptyStrings = false)]
    public string DataRoot { get; set; } = "./data";

    /// <summary>Server folders under this one may be registered as datasets; unset: importing is refused.</summary>
    public string? ImportRoot { get; set; }
}
