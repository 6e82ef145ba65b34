namespace ResNetService.Model.Import;

/// <summary>
/// One tensor a weights file declares. <see cref="SourceName"/> is its name in the file (for messages), <see cref="Name"/>
/// the state-dict name it maps to. Its values are read, as 32-bit floats, only by <see cref="ReadValues"/>: after its
/// name and shape have been checked, so a file cannot make the importer allocate what it merely declares.
/// </summary>
public sealed record ImportedTensor(string SourceName, string Name, IReadOnlyList<long> Shape, Func<float[]> ReadValues)
{
    public string Label => SourceName == Name ? $"'{Name}'" : $"'{SourceName}' ({Name})";

    public static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
