namespace ResNetService.Model.Architecture;

/// <summary>A configuration that cannot be built; <see cref="Errors"/> maps each offending field to what is allowed.</summary>
public sealed class InvalidArchitectureException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
