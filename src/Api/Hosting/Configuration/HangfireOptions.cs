using System.ComponentModel.DataAnnotations;

namespace ResNetService.Api.Hosting.Configuration;

public sealed class HangfireOptions
{
    public const string Section = "Hangfire";
    public const string ConnectionStringName = "Hangfire";

    [Required(AllowEmptyStrings = false)]
    public string Queue { get; set; } = "gpu";

    /// <summary>The queue of dataset health checks, which every worker serves with one thread of its own beside training.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HealthQueue { get; set; } = "health";

    /// <summary>Concurrent trainings in this worker; unset: one per device.</summary>
    [Range(1, 256)] public int? WorkerCount { get; set; }

    /// <summary>How long a job taken by a worker that stopped answering stays invisible before another worker gets it.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker asks PostgreSQL for a queued job (Hangfire.PostgreSql's default is 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
