using System.Text.Json;

namespace ResNetService.Api.Tests.Cli;

public class SummaryCommandTests
{
    [Fact]
    public void JsonSummaryCarriesTheTotals()
    {
        var (exit, output, _) = CliRunner.Run("summary", "--depth", "50", "--input", "3x224x224", "--classes", "1000", "--json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(25_549_483, root.GetProperty("trainableParameters").GetInt64());
        Assert.Equal(25_549_486, root.GetProperty("parameters").GetInt64());
        Assert.Equal(4_089_184_256, root.GetProperty("multiplyAdds").GetInt64());
        Assert.Equal("stage1.unit1", root.GetProperty("layers")[4].GetProperty("name").GetString());
    }

    [Fact]
    public void TableEndsWithTheTotals()
    {
        var (exit, output, _) = CliRunner.Run("summary", "--units", "3,4,6,3", "--filters", "64,256,512,1024,2048", "--bottleneck", "true", "--input", "3x224x224", "--classes", "1000");

        Assert.Equal(0, exit);
        Assert.StartsWith("ResNet-50 (bottleneck", output);
        Assert.Contains("Trainable parameters: 25,549,483", output);
        Assert.Contains("Multiply-adds:        4,089,184,256", output);
    }

    [Fact]
    public void ImpossibleDepthExitsWithTheAllowedOnes()
    {
        var (exit, _, error) = CliRunner.Run("summary", "--depth", "30", "--bottleneck", "true", "--input", "3x32x32");

        Assert.Equal(2, exit);
        Assert.Contains("9n+2", error);
    }

    [Theory]
    [InlineData("--depth", "fifty")]
    [InlineData("--input", "3x224")]
    [InlineData("--colour", "red")]
    [InlineData("--units", "3,four")]
    public void BadOptionsExitWithOneLineNamingTheOptionAndTheHelp(string option, string value)
    {
        var (exit, output, error) = CliRunner.Run("summary", "--depth", "20", option, value);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(CliRunner.Lines(error));
        Assert.Contains(option, line);
        Assert.EndsWith("See 'ResNetService summary --help'.", line);
    }

    [Fact]
    public void MistypedOptionGetsTheClosestOneSuggested()
    {
        var (exit, _, error) = CliRunner.Run("summary", "--dpeth", "20");

        Assert.Equal(2, exit);
        Assert.Contains("Did you mean '--depth'?", Assert.Single(CliRunner.Lines(error)));
    }
}
