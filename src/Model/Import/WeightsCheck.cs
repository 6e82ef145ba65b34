using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>
/// Compares imported tensors with the state dict an architecture has: every tensor it does not have, every one it
/// lacks, every shape that differs and every tensor holding NaN or infinite values is named.
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
            {
                problems.Add($"{tensor.Label} has shape {ImportedTensor.Format(tensor.Shape)}, the architecture expects {ImportedTensor.Format(shape)}.");
                continue;
            }
            var nonFinite = tensor.Values.Count(v => !float.IsFinite(v));
            if (nonFinite > 0)
                problems.Add($"{tensor.Label} holds {nonFinite} NaN or infinite value{(nonFinite == 1 ? "" : "s")}.");
        }
        problems.AddRange(expected.Keys
            .Where(name => !seen.Contains(name) && !name.EndsWith(OptionalSuffix, StringComparison.Ordinal))
            .Select(name => $"'{name}' (shape {ImportedTensor.Format(expected[name])}) is missing."));
        return problems;
    }

    public static IReadOnlyDictionary<string, long[]> ShapesOf(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
}
