namespace ResNetService.Api.Hosting.Limits;

/// <summary>Endpoint metadata: the largest request body the endpoint accepts.</summary>
public sealed record BodySizeLimit(long MaxBytes);
