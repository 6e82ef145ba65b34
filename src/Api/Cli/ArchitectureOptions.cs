using System.CommandLine;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>A whole configuration without a dataset: the network, the input shape and the class count.</summary>
internal sealed class ArchitectureOptions
{
    private readonly NetworkOptions _network = new("Preset depth, such as 20, 50 or 164; or give --units and --filters.");

    private readonly Option<InputShape?> _input = CliOption.Shape("--input", "Input channels x height x width.", new InputShape(3, 32, 32));

    private readonly Option<int> _classes = CliOption.Of("--classes", "int", 10, "Number of classes.");

    public void AddTo(Command command)
    {
        _network.AddTo(command);
        command.Add(_input);
        command.Add(_classes);
    }

    public ResNetSpec Read(ParseResult result)
    {
        var input = result.GetRequiredValue(_input)!;
        return new ResNetSpec(input.Channels, input.Height, input.Width, result.GetValue(_classes),
            result.GetValue(_network.Depth), result.GetValue(_network.Bottleneck), result.GetList(_network.Units), result.GetList(_network.Filters));
    }
}
