namespace ResNetService.Training.Health;

/// <summary>One image of a dataset, as a person finds it.</summary>
/// <param name="Split">train, validation or test.</param>
/// <param name="Name">The file's path in the dataset, or "file#record" for IDX and CIFAR.</param>
/// <param name="Index">The image's position in its split's listing, to fetch it again.</param>
public sealed record SampleRef(string Split, string Name, string Class, int Index);
