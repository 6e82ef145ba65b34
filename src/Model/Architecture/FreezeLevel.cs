using System.Globalization;
using System.Text.RegularExpressions;

namespace ResNetService.Model.Architecture;

/// <summary>
/// How much of a network a fine-tuning run keeps fixed, from the input on: <c>none</c>, <c>stem</c> (the input BN
/// and the stem), or <c>stageK</c> (the stem and stages 1 to K). The final BN and the classifier always train.
/// </summary>
public static partial class FreezeLevel
{
    public const string None = "none";
    public const string Stem = "stem";

    public static bool IsWellFormed(string? level) => level is not null && Pattern().IsMatch(level);

    /// <summary>How many leading parts (the stem counting as one, then each stage) the level freezes.</summary>
    public static int Parts(string level, ResNetConfig config)
    {
        if (Problem(level, config) is { } problem)
            throw new ArgumentException(problem, nameof(level));
        return level switch
        {
            None => 0,
            Stem => 1,
            _ => 1 + int.Parse(level.AsSpan("stage".Length), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Why the level cannot apply to the network, or null when it can.</summary>
    public static string? Problem(string level, ResNetConfig config)
    {
        if (!IsWellFormed(level))
            return $"Freeze '{level}' is not none, stem or stage1 to stage{config.Stages}.";
        if (level.StartsWith("stage", StringComparison.Ordinal)
            && (!int.TryParse(level.AsSpan("stage".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var stage) || stage > config.Stages))
            return $"Freeze '{level}' goes past the network's last stage (stage{config.Stages}).";
        return null;
    }

    [GeneratedRegex(@"^(none|stem|stage[1-9][0-9]{0,2})$")]
    private static partial Regex Pattern();
}
