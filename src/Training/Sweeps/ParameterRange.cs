using System.Text.Json;

namespace ResNetService.Training.Sweeps;

/// <summary>
/// The values a sweep tries for one option: exactly one of a list of choices, a uniform or log-uniform interval, or
/// an inclusive integer range (with an optional step as its third number).
/// </summary>
/// <param name="Choice">The values to choose from, of the option's own type (numbers, true/false, names, lists).</param>
/// <param name="Uniform">[low, high]: any number in between, equally likely.</param>
/// <param name="LogUniform">[low, high], both above 0: equally likely per decade (learning rates, weight decay).</param>
/// <param name="Int">[low, high] or [low, high, step]: whole numbers from low to high inclusive.</param>
public sealed record ParameterRange(
    IReadOnlyList<JsonElement>? Choice = null,
    IReadOnlyList<double>? Uniform = null,
    IReadOnlyList<double>? LogUniform = null,
    IReadOnlyList<long>? Int = null)
{
    public const int MaxChoices = 100;
    public const long MaxIntValues = 100_000;

    private int Kinds => (Choice is null ? 0 : 1) + (Uniform is null ? 0 : 1) + (LogUniform is null ? 0 : 1) + (Int is null ? 0 : 1);

    /// <summary>Whether every value can be listed, as a grid search needs.</summary>
    public bool IsDiscrete => Choice is not null || Int is not null;

    /// <summary>Everything wrong with the range on its own; empty when it is well formed.</summary>
    public IEnumerable<string> Problems()
    {
        if (Kinds != 1)
        {
            yield return "Give exactly one of choice, uniform, logUniform or int, e.g. {\"logUniform\": [0.001, 0.1]} or {\"choice\": [20, 32]}.";
            yield break;
        }
        if (Choice is { } choice && choice.Count is 0 or > MaxChoices)
            yield return $"choice takes 1 to {MaxChoices} values.";
        if (Uniform is { } uniform && !IsInterval(uniform))
            yield return "uniform takes [low, high]: two finite numbers, low below high.";
        if (LogUniform is { } log && (!IsInterval(log) || log[0] <= 0))
            yield return "logUniform takes [low, high]: two finite numbers above 0, low below high.";
        if (Int is { } range)
        {
            if (range.Count is not (2 or 3) || range[0] > range[1] || (range.Count == 3 && range[2] < 1))
                yield return "int takes [low, high] or [low, high, step]: low at most high, step at least 1.";
            else if ((range[1] - range[0]) / Step(range) + 1 > MaxIntValues)
                yield return $"int may span at most {MaxIntValues} values.";
        }
    }

    /// <summary>The values a grid search tries, in order; null for a continuous interval.</summary>
    public IReadOnlyList<JsonElement>? Values()
    {
        if (Choice is { } choice)
            return choice;
        if (Int is not { } range)
            return null;
        var step = Step(range);
        var count = (range[1] - range[0]) / step + 1;
        return Enumerable.Range(0, (int)count).Select(i => JsonSerializer.SerializeToElement(range[0] + i * step)).ToList();
    }

    /// <summary>One value, picked by <paramref name="draw"/> (uniform over 64 bits).</summary>
    public JsonElement Sample(ulong draw)
    {
        var unit = (draw >> 11) * (1.0 / (1UL << 53));
        if (Values() is { } values)
            return values[(int)(draw % (ulong)values.Count)];
        if (Uniform is { } uniform)
            return Number(uniform[0] + unit * (uniform[1] - uniform[0]));
        var (low, high) = (Math.Log(LogUniform![0]), Math.Log(LogUniform[1]));
        return Number(Math.Exp(low + unit * (high - low)));
    }

    private static long Step(IReadOnlyList<long> range) => range.Count == 3 ? range[2] : 1;

    private static bool IsInterval(IReadOnlyList<double> values) =>
        values.Count == 2 && double.IsFinite(values[0]) && double.IsFinite(values[1]) && values[0] < values[1];

    /// <summary>Six significant digits: a trial's parameters read as a person would write them.</summary>
    private static JsonElement Number(double value) => JsonSerializer.SerializeToElement(double.Parse(value.ToString("G6")));
}
