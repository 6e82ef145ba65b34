namespace ResNetService.Api.Datasets;

/// <summary>One image of a dataset, shrunk to a thumbnail.</summary>
/// <param name="Class">The class's index in the dataset's classes.</param>
/// <param name="Index">The sample's position in its split.</param>
/// <param name="Png">The thumbnail, a base64 PNG.</param>
/// <param name="Name">The file's path in the dataset, or "file#record" for IDX and CIFAR, as health reports name images.</param>
public sealed record DatasetSample(string Label, int Class, string Split, int Index, int Width, int Height, string Png, string Name);
