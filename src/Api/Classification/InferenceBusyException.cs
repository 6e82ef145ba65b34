namespace ResNetService.Api.Classification;

public sealed class InferenceBusyException() : Exception("Too many classification requests are waiting; try again shortly.");
