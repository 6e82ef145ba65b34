using ResNetService.Api.Hosting.Endpoints;

namespace ResNetService.Api.Models;

/// <summary>Another model import is being converted; one runs at a time, so their memory never adds up.</summary>
public sealed class ImportBusyException() : ProblemException(StatusCodes.Status503ServiceUnavailable, "Busy",
    "Another model import is being checked and converted; one runs at a time. Try again after Retry-After seconds.", TimeSpan.FromSeconds(5));
