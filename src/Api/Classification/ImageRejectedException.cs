using ResNetService.Api.Hosting.Endpoints;

namespace ResNetService.Api.Classification;

/// <summary>An uploaded image that cannot be classified; carries the status and wording of the problem to answer with.</summary>
public sealed class ImageRejectedException(int status, string title, string detail) : ProblemException(status, title, detail);
