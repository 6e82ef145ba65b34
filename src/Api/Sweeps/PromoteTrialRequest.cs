namespace ResNetService.Api.Sweeps;

/// <summary>Optional body of POST /sweeps/{id}/promote.</summary>
/// <param name="JobId">The trial whose model becomes the default; unset: the best trial that has a model.</param>
public sealed record PromoteTrialRequest(string? JobId = null);
