namespace ResNetService.Api.Classification;

/// <param name="Loaded">The default model is loaded and warm, or there is none to load.</param>
public sealed record WarmupOutcome(bool Loaded, string Description);
