using System.CommandLine;

namespace ResNetService.Api.Cli;

/// <summary>The network a verb works on, named as the API's model fields (<c>depth</c>, <c>bottleneck</c>, <c>units</c>, <c>filters</c>).</summary>
internal sealed class NetworkOptions
{
    public Option<int?> Depth { get; }

    public Option<bool?> Bottleneck { get; } = CliOption.Of<bool?>("--bottleneck", "true|false",
        "Bottleneck units (1x1, 3x3, 1x1) rather than basic ones (3x3, 3x3); unset: chosen from the depth.");

    public Option<int[]?> Units { get; } = CliOption.IntList("--units", "Units per stage, such as 3,4,6,3; instead of --depth, with --filters.");

    public Option<int[]?> Filters { get; } = CliOption.IntList("--filters", "Stem filters then each stage's, such as 64,256,512,1024,2048; with --units.");

    public NetworkOptions(string depthDescription)
    {
        Depth = CliOption.Of<int?>("--depth", "int", depthDescription);
    }

    public void AddTo(Command command)
    {
        command.Add(Depth);
        command.Add(Bottleneck);
        command.Add(Units);
        command.Add(Filters);
    }
}
