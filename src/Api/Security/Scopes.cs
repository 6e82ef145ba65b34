namespace ResNetService.Api.Security;

/// <summary>What a key may do. <see cref="Admin"/> includes every other scope.</summary>
public static class Scopes
{
    /// <summary>GET on datasets, jobs, models and metrics; exports.</summary>
    public const string Read = "read";
    /// <summary>Upload and import datasets; create, cancel and resume jobs.</summary>
    public const string Train = "train";
    public const string Classify = "classify";
    /// <summary>Keys, deletes, the default model, the Hangfire dashboard.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Train, Classify, Admin];

    public const string ClaimType = "scope";

    public static bool Grants(IEnumerable<string> held, string wanted) => held.Contains(Admin) || held.Contains(wanted);

    /// <returns>The scopes, or null with the unknown ones named in <paramref name="problem"/>.</returns>
    public static IReadOnlyList<string>? Parse(IEnumerable<string> names, out string? problem)
    {
        var normalised = names.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        var unknown = normalised.Except(All).ToList();
        problem = unknown.Count > 0 ? $"Unknown scope(s) {string.Join(", ", unknown)}; use {string.Join(", ", All)}."
            : normalised.Count == 0 ? $"Give at least one scope: {string.Join(", ", All)}." : null;
        return problem is null ? All.Where(normalised.Contains).ToList() : null;
    }
}
