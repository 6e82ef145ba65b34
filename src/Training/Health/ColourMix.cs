namespace ResNetService.Training.Health;

/// <summary>Readable images with colour, and those whose pixels are all gray (whatever the file's colour type).</summary>
public sealed record ColourMix(int Colour, int Grayscale, IReadOnlyList<SampleRef> ListedGrayscale);
