namespace ResNetService.Training.Health;

/// <summary>Lists a dataset's images, whatever its format, and reads the facts of each.</summary>
internal interface IHealthScanner
{
    string Format { get; }

    IReadOnlyList<string> Classes { get; }

    IReadOnlyList<HealthSample> Samples { get; }

    /// <summary>Reads sample <paramref name="index"/>; never throws for a bad image, whose facts say why instead.</summary>
    SampleFacts Scan(int index);
}
