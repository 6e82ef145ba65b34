using System.Text.Json;

namespace ResNetService.Training.Sweeps;

/// <summary>
/// The ranges a sweep searches, by option name, and the parameters of its trials. A trial's parameters are a pure
/// function of the space, the search and the trial's number, so any process that continues a sweep makes the same
/// trials; parameters are taken in name order, and each random draw depends on its own name, so adding an option to a
/// space leaves the others' values as they were.
/// </summary>
public sealed class SearchSpace(IReadOnlyDictionary<string, ParameterRange> ranges)
{
    public const int MaxGridSize = 10_000;

    private readonly KeyValuePair<string, ParameterRange>[] _ordered = ranges.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();

    /// <summary>Combinations a grid search has; null when a range is continuous.</summary>
    public long? GridSize()
    {
        long size = 1;
        foreach (var (_, range) in _ordered)
        {
            if (range.Values() is not { } values)
                return null;
            size = Math.Min(size * values.Count, MaxGridSize + 1L);
        }
        return size;
    }

    /// <summary>Everything wrong with the space, by option name ("" for the space as a whole).</summary>
    public Dictionary<string, string[]> Problems(SearchKind kind)
    {
        var errors = new Dictionary<string, string[]>();
        if (_ordered.Length == 0)
            errors[""] = ["Give at least one option to search, e.g. {\"learningRate\": {\"logUniform\": [0.01, 0.5]}}."];
        foreach (var (name, range) in _ordered)
        {
            var problems = range.Problems().ToList();
            if (problems.Count == 0 && kind == SearchKind.Grid && !range.IsDiscrete)
                problems.Add("A grid search lists every value: give choice or int here, or search at random.");
            if (problems.Count > 0)
                errors[name] = [.. problems];
        }
        if (errors.Count == 0 && kind == SearchKind.Grid && GridSize() > MaxGridSize)
            errors[""] = [$"The grid has more than {MaxGridSize} combinations; list fewer values."];
        return errors;
    }

    /// <summary>The parameters of trial <paramref name="index"/> (from 0), by option name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Trial(SearchKind kind, long seed, int index) =>
        kind == SearchKind.Grid ? GridPoint(index) : RandomPoint(seed, index);

    private SortedDictionary<string, JsonElement> RandomPoint(long seed, int index)
    {
        var point = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, range) in _ordered)
            point[name] = range.Sample(TrialRandom.Draw(seed, index, name));
        return point;
    }

    /// <summary>The last name in order varies fastest.</summary>
    private SortedDictionary<string, JsonElement> GridPoint(int index)
    {
        var point = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        var rest = (long)index;
        for (var i = _ordered.Length - 1; i >= 0; i--)
        {
            var values = _ordered[i].Value.Values()!;
            point[_ordered[i].Key] = values[(int)(rest % values.Count)];
            rest /= values.Count;
        }
        return point;
    }
}
