using System.Globalization;
using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Cli;

public sealed partial class BenchClassifyCommandTests
{
    [Theory]
    [InlineData("onnxruntime")]
    [InlineData("libtorch")]
    public void MeasuresTheEngineAskedFor(string engine)
    {
        var (exit, output, error) = CliRunner.Run("bench", "classify", "--engine", engine, "--depth", "8", "--input", "1x12x12", "--classes", "3",
            "--batch", "2,1", "--steps", "2", "--warmup", "1", "--device", "cpu");

        Assert.True(exit == 0, error);
        Assert.Contains($"Benchmarking {engine} on cpu", output);
        var lines = Measured().Matches(output).Select(m => (m.Groups["engine"].Value, int.Parse(m.Groups["batch"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([(engine, 1), (engine, 2)], lines);
        Assert.Matches(@"(?m)^images_per_s=[0-9]+\.[0-9]$", output);
    }

    [Fact]
    public void AutoIsOnnxRuntimeOnTheCpu()
    {
        var (exit, output, error) = CliRunner.Run("bench", "classify", "--depth", "8", "--input", "1x8x8", "--classes", "2",
            "--batch", "1", "--steps", "1", "--device", "cpu");

        Assert.True(exit == 0, error);
        Assert.Contains("engine=onnxruntime batch=1", output);
    }

    [Fact]
    public void NoGradIsRefusedForOnnxRuntime()
    {
        var (exit, _, error) = CliRunner.Run("bench", "classify", "--engine", "onnxruntime", "--no-grad", "--depth", "8", "--input", "1x8x8", "--device", "cpu");

        Assert.Equal(2, exit);
        Assert.Contains("--no-grad", error);
    }

    [Fact]
    public void AnUnknownEngineIsRefused()
    {
        var (exit, _, error) = CliRunner.Run("bench", "classify", "--engine", "tensorrt", "--depth", "8", "--input", "1x8x8", "--device", "cpu");

        Assert.NotEqual(0, exit);
        Assert.Contains("tensorrt", error);
    }

    [GeneratedRegex(@"(?m)^engine=(?<engine>\w+) batch=(?<batch>[0-9]+) images_per_s=[0-9]+\.[0-9]$")]
    private static partial Regex Measured();
}
