namespace ResNetService.Model.Import;

/// <summary>
/// Compares the tensors a file declares with the state dict an architecture has: every tensor it does not have, every
/// one it lacks and every shape that differs is named, before any value is read. Values are checked as they are read.
/// </summary>
internal static class WeightsCheck
{
    /// <summary>BN's step counter: PyTorch writes it, MXNet has none, and with a fixed momentum nothing reads it.</summary>
    public const string OptionalSuffix = ".num_batches_tracked";

    public static List<string> Problems(IReadOnlyList<ImportedTensor> tensors, IReadOnlyList<string> unmapped, IReadOnlyDictionary<string, long[]> expected)
    {
        var problems = unmapped.Select(name => $"'{name}' is no tensor of this network.").ToList();
        var seen = new HashSet<string>();
        foreach (var tensor in tensors)
        {
            if (!seen.Add(tensor.Name))
            {
                problems.Add($"{tensor.Label} appears more than once.");
                continue;
            }
            if (!expected.TryGetValue(tensor.Name, out var shape))
            {
                problems.Add($"{tensor.Label} is no tensor of this network.");
                continue;
            }
            if (!tensor.Shape.SequenceEqual(shape))
                problems.Add($"{tensor.Label} has shape {ImportedTensor.Format(tensor.Shape)}, the architecture expects {ImportedTensor.Format(shape)}.");
        }
        problems.AddRange(expected.Keys
            .Where(name => !seen.Contains(name) && !name.EndsWith(OptionalSuffix, StringComparison.Ordinal))
            .Select(name => $"'{name}' (shape {ImportedTensor.Format(expected[name])}) is missing."));
        return problems;
    }

    /// <returns>What is wrong with the tensor's values; null when every one is finite.</returns>
    public static string? NonFiniteProblem(ImportedTensor tensor, float[] values)
    {
        var nonFinite = values.Count(v => !float.IsFinite(v));
        return nonFinite == 0 ? null : $"{tensor.Label} holds {nonFinite} NaN or infinite value{(nonFinite == 1 ? "" : "s")}.";
    }
}
