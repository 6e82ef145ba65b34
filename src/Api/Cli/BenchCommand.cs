using System.CommandLine;

namespace ResNetService.Api.Cli;

/// <summary><c>bench</c>: the group of measurements; each one is a verb of its own under it.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure throughput.")
    {
        BenchTrainCommand.Create(),
        BenchClassifyCommand.Create(),
        BenchPipelineCommand.Create(),
    };
}
