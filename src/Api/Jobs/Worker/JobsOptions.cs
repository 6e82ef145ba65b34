using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>How runs are kept alive and recovered (configuration section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>A worker that has not renewed its lease for this long is taken for dead, and its run is taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often runs that wait with no job on the queue (after a restart, a lost worker) are queued again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A run whose worker died this many times fails with the reason, instead of taking down worker after worker.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
