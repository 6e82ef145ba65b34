namespace ResNetService.Training.Data;

/// <param name="Name">Path relative to the dataset root, for messages.</param>
internal sealed record ImageFile(string Path, string Name, int Label);
