namespace ResNetService.Api.Datasets;

/// <param name="Path">A folder on the server, absolute or relative to Storage:ImportRoot, and inside it.</param>
public sealed record ImportDatasetRequest(string Path, string? Name = null);
