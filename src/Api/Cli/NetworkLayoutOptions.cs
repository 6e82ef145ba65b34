using System.CommandLine;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>The network a verb works on, as options named after the API's fields (<c>--depth</c>, <c>--bottleneck</c>, <c>--units</c>, <c>--filters</c>).</summary>
internal sealed class NetworkLayoutOptions(string depthDescription)
{
    private readonly Option<int?> _depth = CliOption.Of<int?>("--depth", "int", depthDescription);

    private readonly Option<bool?> _bottleneck = CliOption.Of<bool?>("--bottleneck", "true|false",
        "Bottleneck units (1x1, 3x3, 1x1) rather than basic ones (3x3, 3x3); unset: chosen from the depth.");

    private readonly Option<int[]?> _units = CliOption.IntList("--units", "Units per stage, such as 3,4,6,3; instead of --depth, with --filters.");

    private readonly Option<int[]?> _filters = CliOption.IntList("--filters", "Stem filters then each stage's, such as 64,256,512,1024,2048; with --units.");

    public void AddTo(Command command)
    {
        command.Add(_depth);
        command.Add(_bottleneck);
        command.Add(_units);
        command.Add(_filters);
    }

    /// <param name="defaultDepth">The depth when neither --depth nor --units is given.</param>
    public NetworkLayout Read(ParseResult result, int? defaultDepth = null)
    {
        var units = result.GetList(_units);
        return new NetworkLayout
        {
            Depth = result.GetValue(_depth) ?? (units is null ? defaultDepth : null),
            Bottleneck = result.GetValue(_bottleneck),
            Units = units,
            Filters = result.GetList(_filters),
        };
    }

    /// <summary>Whether the command line names a network at all (--depth or --units).</summary>
    public bool IsGiven(ParseResult result) => result.GetValue(_depth) is not null || result.GetList(_units) is not null;
}
