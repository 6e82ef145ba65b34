using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Sweeps;

/// <summary>How sweeps are carried on (configuration section <c>Sweeps</c>).</summary>
public sealed class SweepsOptions
{
    public const string Section = "Sweeps";

    /// <summary>How often each process looks at the running sweeps and takes their next decisions (promotions, new trials, the end).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan DecideInterval { get; set; } = TimeSpan.FromSeconds(2);
}
