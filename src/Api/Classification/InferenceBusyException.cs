using ResNetService.Api.Hosting.Endpoints;

namespace ResNetService.Api.Classification;

/// <summary>Classification is at its limit (the inference queue, or the decoding slots); the request may come back shortly.</summary>
public sealed class InferenceBusyException(string detail = "Too many classification requests are waiting; try again shortly.")
    : ProblemException(StatusCodes.Status503ServiceUnavailable, "Busy", detail, TimeSpan.FromSeconds(2));
