using System.Globalization;
using System.Text.Json;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Cli;

/// <summary><c>summary</c>: the architecture table (or JSON) of a configuration, without building the network.</summary>
public static class SummaryCommand
{
    public const string Usage =
        "summary --depth 50 --input 3x224x224 --classes 1000 [--bottleneck true|false] [--units 3,4,6,3 --filters 64,256,512,1024,2048] [--json]";

    public static int Run(CliArguments args, TextWriter output)
    {
        var spec = ReadSpec(args);
        var json = args.Flag("json");
        args.RejectUnknown();

        var summary = ArchitectureSummary.Of(ResNetConfigResolver.Resolve(spec));
        if (json)
            output.WriteLine(JsonSerializer.Serialize(summary, JsonSerializerOptions.Web));
        else
            WriteTable(summary, output);
        return 0;
    }

    public static ResNetSpec ReadSpec(CliArguments args)
    {
        var (channels, height, width) = args.Shape("input") ?? (3, 32, 32);
        return new ResNetSpec(
            channels, height, width,
            args.Int("classes") ?? 10,
            args.Int("depth"),
            args.Bool("bottleneck"),
            args.IntList("units"),
            args.IntList("filters"));
    }

    private static void WriteTable(ArchitectureSummary summary, TextWriter output)
    {
        var c = summary.Config;
        output.WriteLine(c.ToString());
        output.WriteLine();
        output.WriteLine($"{"Layer",-16} {"Kind",-34} {"Output",-14} {"Params",14} {"Multiply-adds",16}");
        output.WriteLine(new string('-', 98));
        foreach (var layer in summary.Layers)
            output.WriteLine($"{layer.Name,-16} {layer.Kind,-34} {string.Join('x', layer.OutputShape),-14} {N(layer.Parameters),14} {N(layer.MultiplyAdds),16}");
        output.WriteLine(new string('-', 98));
        output.WriteLine($"Trainable parameters: {N(summary.TrainableParameters)}");
        output.WriteLine($"All parameters:       {N(summary.Parameters)} (bn_data's scale is fixed at 1)");
        output.WriteLine($"Running statistics:   {N(summary.RunningStatistics)}");
        output.WriteLine($"Multiply-adds:        {N(summary.MultiplyAdds)} per image");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
