namespace ResNetService.Api.Hosting.Limits;

public static class UploadEndpoints
{
    /// <summary>
    /// A multipart upload: limited by its rate-limit policy, refused beyond <paramref name="maxBytes"/> before its body
    /// is read (and its form read up to that much), without an antiforgery token: it is authenticated by API key, never
    /// by cookie, so there is no cross-site form to protect against.
    /// </summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder endpoint, long maxBytes, string rateLimitPolicy) =>
        endpoint.RequireRateLimiting(rateLimitPolicy)
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(maxBytes))
            .WithFormOptions(multipartBodyLengthLimit: maxBytes);
}
