using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Cli;

public class HelpTests
{
    public static TheoryData<string, string[]> VerbsAndOptions => new()
    {
        { "serve", ["--role", "--urls"] },
        { "train", ["--data", "--out", "--depth", "--units", "--filters", "--input-size", "--epochs", "--batch-size", "--batch", "--learning-rate", "--lr", "--weight-decay", "--wd", "--schedule", "--learning-rate-step-epochs", "--lr-steps", "--early-stopping-patience", "--patience", "--device",
            "--min-crop-scale", "--max-crop-scale", "--min-crop-ratio", "--max-crop-ratio", "--eval-transform"] },
        { "sweep", ["--spec", "--data", "--out", "--device"] },
        { "summary", ["--depth", "--bottleneck", "--units", "--filters", "--input", "--classes", "--json"] },
        { "bench train", ["--depth", "--input", "--batch-size", "--batch", "--steps", "--warmup-steps", "--warmup", "--pipeline", "--device"] },
        { "bench pipeline", ["--data", "--input-size", "--batch-size", "--batch", "--epochs", "--warmup-epochs", "--warmup", "--in-memory"] },
        { "records copy", ["--data-root", "--to"] },
        { "keys create", ["--name", "--scopes", "--data-root", "--database"] },
        { "keys list", ["--data-root", "--database"] },
        { "explain", ["--model", "--image", "--out", "--opacity", "--device"] },
    };

    [Theory]
    [MemberData(nameof(VerbsAndOptions))]
    public void EveryVerbsHelpListsItsOptionsAndStartsNothing(string verb, string[] options)
    {
        foreach (var help in new[] { "--help", "-h", "-?" })
        {
            var (exit, output, error, served) = CliRunner.RunRecordingServe([.. verb.Split(' '), help]);

            Assert.Equal(0, exit);
            Assert.Empty(error);
            Assert.Null(served);
            Assert.Contains($"ResNetService {verb} [options]", output);
            Assert.All(options, option => Assert.Matches($@"(^|[\s,]){Regex.Escape(option)}[\s,]", output));
        }
    }

    [Fact]
    public void HelpShowsEachOptionsTypeAndDefault()
    {
        var (_, output, _) = CliRunner.Run("train", "--help");

        Assert.Contains("--epochs <int>", output);
        Assert.Matches(@"--batch, --batch-size <int>\s+Images per step\. \[default: 128\]", output);
        Assert.Matches(@"--learning-rate, --lr <double>\s+.*\[default: 0\.1\]", output);
        Assert.Contains("--device <auto|cpu|cuda|cuda:N>", output);
        Assert.Contains("(REQUIRED)", output);
    }

    [Fact]
    public void TopLevelHelpListsEveryVerbAndDoesNotServe()
    {
        var (exit, output, _, served) = CliRunner.RunRecordingServe("--help");

        Assert.Equal(0, exit);
        Assert.Null(served);
        var commands = output[output.IndexOf("Commands:", StringComparison.Ordinal)..];
        foreach (var verb in new[] { "serve", "train", "summary", "bench", "records", "keys", "explain" })
            Assert.Matches($@"\n  {verb}\s", commands);
        // The service's own options are in the top-level help: running without a verb serves.
        Assert.Contains("--role <all|api|worker>", output);
    }

    [Fact]
    public void GroupHelpListsItsVerbs()
    {
        var (exit, output, _) = CliRunner.Run("bench", "--help");

        Assert.Equal(0, exit);
        Assert.Matches(@"Commands:\s+train\s", output);
    }

    [Fact]
    public void VersionNamesTheBuildTorchSharpLibtorchAndTheDevice()
    {
        var (exit, output, _, served) = CliRunner.RunRecordingServe("--version");

        Assert.Equal(0, exit);
        Assert.Null(served);
        var lines = CliRunner.Lines(output);
        Assert.StartsWith("ResNetService ", lines[0]);
        Assert.StartsWith($"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3)}, libtorch {TorchSharp.torch.__version__}", lines[1]);
        Assert.StartsWith($"Device (auto): {ResNetService.Model.TorchDevices.Resolve("auto")}", lines[2]);
    }
}
