namespace ResNetService.Training.Data.Sources;

/// <param name="Name">Path relative to the dataset root, for messages.</param>
internal sealed record ImageFile(string Path, string Name, int Label);
