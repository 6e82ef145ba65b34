using System.Text.RegularExpressions;

namespace ResNetService.Model.Import;

/// <summary>
/// MXNet's parameter names for the network, as its ResNet symbol and fit.py's <c>save_checkpoint</c> write them,
/// mapped to our state-dict names: <c>arg:stage1_unit1_conv1_weight</c> → <c>stage1.unit1.conv1.weight</c>,
/// <c>arg:bn_data_gamma</c>/<c>_beta</c> → <c>bn_data.weight</c>/<c>.bias</c>,
/// <c>aux:bn1_moving_mean</c>/<c>_moving_var</c> → <c>bn1.running_mean</c>/<c>.running_var</c>.
/// </summary>
public static partial class MxnetNames
{
    private static readonly (string Mxnet, string Ours)[] Suffixes =
    [
        ("_moving_mean", "running_mean"),
        ("_moving_var", "running_var"),
        ("_gamma", "weight"),
        ("_beta", "bias"),
        ("_weight", "weight"),
        ("_bias", "bias"),
    ];

    /// <summary>Our name for an MXNet parameter name (with or without its <c>arg:</c>/<c>aux:</c> prefix); null when it names nothing of ours.</summary>
    public static string? ToStateDictName(string mxnetName)
    {
        var name = mxnetName.StartsWith("arg:", StringComparison.Ordinal) || mxnetName.StartsWith("aux:", StringComparison.Ordinal)
            ? mxnetName[4..]
            : mxnetName;
        foreach (var (suffix, ours) in Suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Length == suffix.Length)
                continue;
            var layer = name[..^suffix.Length];
            var unit = UnitLayer().Match(layer);
            return unit.Success
                ? $"stage{unit.Groups[1].Value}.unit{unit.Groups[2].Value}.{unit.Groups[3].Value}.{ours}"
                : $"{layer}.{ours}";
        }
        return null;
    }

    [GeneratedRegex(@"^stage(\d+)_unit(\d+)_([a-z]+\d*)$")]
    private static partial Regex UnitLayer();
}
