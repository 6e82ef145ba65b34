using ResNetService.Api.Hosting.Endpoints;

namespace ResNetService.Api.Datasets;

/// <summary>A server folder that may not be registered: importing is off, or the folder is outside the import root.</summary>
public sealed class ImportRefusedException(string message) : ProblemException(StatusCodes.Status403Forbidden, "Import refused", message);
