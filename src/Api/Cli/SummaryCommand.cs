using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary><c>summary</c>: the architecture table (or JSON) of a configuration, without building the network.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var json = CliOption.Flag("--json", "Print the summary as JSON (as POST /architectures/summary answers) instead of a table.");
        var command = new Command("summary", "Print the architecture table of a configuration: output shape, parameters and multiply-adds per layer or unit, and the totals.");
        architecture.AddTo(command);
        command.Add(json);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var summary = ArchitectureSummary.Of(architecture.Resolve(result));
            if (result.GetValue(json))
                output.WriteLine(JsonSerializer.Serialize(summary, JsonSerializerOptions.Web));
            else
                WriteTable(summary, output);
            return 0;
        });
        return command;
    }

    private static void WriteTable(ArchitectureSummary summary, TextWriter output)
    {
        output.WriteLine(summary.Config.ToString());
        output.WriteLine();
        var table = new TextTable(new("Layer"), new("Kind", Wraps: true), new("Output"), new("Params", AlignRight: true), new("Multiply-adds", AlignRight: true));
        foreach (var layer in summary.Layers)
            table.Add(layer.Name, layer.Kind, string.Join('x', layer.OutputShape), N(layer.Parameters), N(layer.MultiplyAdds));
        table.Write(output, TerminalWidth.Of(output));
        output.WriteLine();
        output.WriteLine($"Trainable parameters: {N(summary.TrainableParameters)}");
        output.WriteLine($"All parameters:       {N(summary.Parameters)} (bn_data's scale is fixed at 1)");
        output.WriteLine($"Running statistics:   {N(summary.RunningStatistics)}");
        output.WriteLine($"Multiply-adds:        {N(summary.MultiplyAdds)} per image");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
