using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Hosting.Limits;

/// <summary>Requests per key (per client address without one), configuration section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>/classify requests per minute, refilled continuously; a burst may use a minute's worth at once.</summary>
    [Range(1, 1_000_000)] public int ClassifyPerMinute { get; set; } = 1200;

    /// <summary>Dataset and weight uploads per hour.</summary>
    [Range(1, 100_000)] public int UploadsPerHour { get; set; } = 60;

    /// <summary>Event streams (GET /jobs/{id}/events) open at once: each holds a connection and reads the records twice a second.</summary>
    [Range(1, 10_000)] public int EventStreamsPerKey { get; set; } = 8;
}
