using ResNetService.Api.Cli;

namespace ResNetService.Api.Tests.Cli;

public class TextTableTests
{
    [Fact]
    public void FitsANarrowTerminalByWrappingItsTextColumn()
    {
        var wide = new StringWriter();
        var narrow = new StringWriter();
        var table = new TextTable(new("Layer"), new("Kind", Wraps: true), new("Params", AlignRight: true));
        table.Add("stage2.unit1", "Bottleneck, projection, stride 2", "377,856");
        table.Add("pool0", "MaxPool 3x3/2", "0");

        table.Write(wide, maxWidth: null);
        table.Write(narrow, maxWidth: 40);

        var wideLines = CliRunner.Lines(wide.ToString());
        var narrowLines = CliRunner.Lines(narrow.ToString());
        Assert.Equal(4, wideLines.Length);
        Assert.Contains(wideLines, l => l.Contains("Bottleneck, projection, stride 2", StringComparison.Ordinal));
        Assert.True(narrowLines.Length > wideLines.Length);
        Assert.All(narrow.ToString().Split(Environment.NewLine), l => Assert.True(l.Length <= 40, $"'{l}' is wider than 40."));
        // Every word of the wrapped cell is still there, in order, and the numbers stay on the row's first line.
        var kindWords = string.Join(' ', narrowLines.Skip(2).Take(narrowLines.Length - 3).Select(l => l.Replace("stage2.unit1", "").Replace("377,856", "").Trim()));
        Assert.Equal("Bottleneck, projection, stride 2", kindWords);
        Assert.StartsWith("stage2.unit1", narrowLines[2]);
        Assert.EndsWith("377,856", narrowLines[2]);
    }
}
