using System.CommandLine;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary>A whole configuration without a dataset: the network's layout, the input shape and the class count.</summary>
internal sealed class ArchitectureOptions
{
    private readonly NetworkLayoutOptions _layout = new("Preset depth, such as 20, 50 or 164; or give --units and --filters.");

    private readonly Option<ImageShape?> _input = CliOption.Shape("--input", "Input channels x height x width.", new ImageShape(3, 32, 32));

    private readonly Option<int> _classes = CliOption.Of("--classes", "int", 10, "Number of classes.");

    public void AddTo(Command command)
    {
        _layout.AddTo(command);
        command.Add(_input);
        command.Add(_classes);
    }

    /// <exception cref="InvalidArchitectureException">The options do not make a valid network.</exception>
    public ResNetConfig Resolve(ParseResult result) =>
        ResNetConfigResolver.Resolve(_layout.Read(result), result.GetRequiredValue(_input)!, result.GetValue(_classes));
}
