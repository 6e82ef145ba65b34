using System.Text.Json;

namespace ResNetService.Api.Jobs;

/// <summary>What marks a run as a sweep's trial.</summary>
/// <param name="EpochLimit">The epochs of its first rung, when the sweep stops trials early.</param>
public sealed record SweepTrialTag(string SweepId, int Trial, IReadOnlyDictionary<string, JsonElement> Parameters, int? EpochLimit);
