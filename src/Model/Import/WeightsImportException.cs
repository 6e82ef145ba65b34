namespace ResNetService.Model.Import;

/// <summary>A weights file that cannot become a model; <see cref="Problems"/> names every problem found (tensor, shape, expectation).</summary>
public sealed class WeightsImportException(string file, IReadOnlyList<string> problems)
    : Exception($"'{file}' cannot be imported: {string.Join("; ", problems)}")
{
    public WeightsImportException(string file, string problem) : this(file, [problem])
    {
    }

    /// <summary>The file's name (without its folder).</summary>
    public string File { get; } = file;

    public IReadOnlyList<string> Problems { get; } = problems;
}
