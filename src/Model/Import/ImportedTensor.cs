namespace ResNetService.Model.Import;

/// <summary>
/// One tensor read from a weights file, converted to 32-bit floats. <see cref="SourceName"/> is its name in the file
/// (for messages), <see cref="Name"/> the state-dict name it maps to.
/// </summary>
public sealed record ImportedTensor(string SourceName, string Name, IReadOnlyList<long> Shape, float[] Values)
{
    public string Label => SourceName == Name ? $"'{Name}'" : $"'{SourceName}' ({Name})";

    public static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
