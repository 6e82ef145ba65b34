namespace ResNetService.Api.Hosting.Configuration;

/// <summary>What this process runs (config <c>Role</c>, or <c>--role</c> on the command line).</summary>
public enum ServiceRole
{
    /// <summary>The API and an in-process worker: one process does everything.</summary>
    All,
    /// <summary>The API only; jobs are queued for workers elsewhere.</summary>
    Api,
    /// <summary>Only the Hangfire server that trains (and the health endpoints, for the orchestrator).</summary>
    Worker,
}

public static class ServiceRoles
{
    public const string ConfigKey = "Role";

    public static ServiceRole Read(IConfiguration configuration)
    {
        var value = configuration[ConfigKey];
        return TryParse(value, out var role) ? role : throw Settings.Invalid(ConfigKey, typeof(ServiceRole), $"Invalid setting {Settings.Name(ConfigKey)} = '{value}': use all, api or worker.");
    }

    /// <summary>A role by name, any case; unset or blank is <see cref="ServiceRole.All"/>.</summary>
    public static bool TryParse(string? value, out ServiceRole role)
    {
        role = ServiceRole.All;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        // Enum.TryParse also takes numbers, which are no role names.
        return !char.IsAsciiDigit(value.Trim()[0]) && Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    public static bool ServesApi(this ServiceRole role) => role != ServiceRole.Worker;

    public static bool RunsJobs(this ServiceRole role) => role != ServiceRole.Api;
}
