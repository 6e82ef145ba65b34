using System.ComponentModel.DataAnnotations;
using ResNetService.Training.Health;

namespace ResNetService.Api.Datasets.Health;

/// <summary>How the health check that follows every dataset registration runs.</summary>
public sealed class DatasetHealthOptions
{
    public const string Section = "DatasetHealth";

    /// <summary>Images in different splits whose difference hashes differ in at most this many bits are near-duplicates.</summary>
    [Range(0, 32)]
    public int NearDuplicateDistance { get; set; } = HealthOptions.Default.NearDuplicateDistance;

    /// <summary>Threads one check uses; unset: every core. A worker that also trains may want fewer.</summary>
    [Range(1, 256)]
    public int? Threads { get; set; }
}
