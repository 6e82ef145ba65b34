namespace ResNetService.Api.Classification;

/// <summary>A request's images as the inference thread answered them, and the name of the engine that ran them.</summary>
public sealed record Classified(ImageInference[] Images, string Engine);
