namespace ResNetService.Api.Tests.Cli;

/// <summary>Without a verb, or with <c>serve</c>, the web service starts with the host's arguments as they were given.</summary>
public class ServeTests
{
    [Fact]
    public void NoArgumentsServe()
    {
        var (exit, _, _, served) = CliRunner.RunRecordingServe();

        Assert.Equal(0, exit);
        Assert.Equal([], Assert.IsType<string[]>(served));
    }

    [Theory]
    [InlineData("--role", "worker")]
    [InlineData("--role=api", "--urls", "http://127.0.0.1:5000")]
    [InlineData("--Storage:DataRoot=/tmp/data", "--environment=Development", "--contentRoot=/app")]
    [InlineData("--Hangfire:Queue", "cpu", "--role", "worker")]
    [InlineData("/Role=worker")]
    public void HostArgumentsReachTheHostUnchanged(params string[] args)
    {
        var (exit, _, error, served) = CliRunner.RunRecordingServe(args);

        Assert.True(exit == 0, error);
        Assert.Equal(args, served);
    }

    [Fact]
    public void ServeVerbPassesEverythingAfterIt()
    {
        var (exit, _, error, served) = CliRunner.RunRecordingServe("serve", "--role", "api", "--Storage:DataRoot=/tmp/data");

        Assert.True(exit == 0, error);
        Assert.Equal(["--role", "api", "--Storage:DataRoot=/tmp/data"], Assert.IsType<string[]>(served));
    }

    [Theory]
    [InlineData("--role", "trainer")]
    [InlineData("--role", "1")]
    [InlineData("serve", "--role", "everything")]
    public void UnknownRoleIsAUsageErrorBeforeAnythingStarts(params string[] args)
    {
        var (exit, _, error, served) = CliRunner.RunRecordingServe(args);

        Assert.Equal(2, exit);
        Assert.Null(served);
        Assert.Contains("all, api or worker", Assert.Single(CliRunner.Lines(error)));
    }

    [Theory]
    [InlineData("trian", "train")]
    [InlineData("sumary", "summary")]
    [InlineData("serv", "serve")]
    public void MistypedVerbIsSuggestedAndNothingStarts(string typed, string meant)
    {
        var (exit, output, error, served) = CliRunner.RunRecordingServe(typed, "--depth", "20");

        Assert.Equal(2, exit);
        Assert.Null(served);
        Assert.Empty(output);
        var line = Assert.Single(CliRunner.Lines(error));
        Assert.Contains($"'{typed}' is not a verb", line);
        Assert.Contains($"Did you mean '{meant}'?", line);
    }

    [Fact]
    public void WordFarFromEveryVerbGetsNoGuess()
    {
        var (exit, _, error, served) = CliRunner.RunRecordingServe("xyzzy");

        Assert.Equal(2, exit);
        Assert.Null(served);
        Assert.DoesNotContain("Did you mean", error);
    }
}
