using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Checkpoints;
using ResNetService.Training.Synthetic;

namespace ResNetService.Api.Tests.Cli;

public sealed class TrainAndBenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resnet-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TrainLearnsAGeneratedDatasetAndWritesTheModel()
    {
        var data = Path.Combine(_root, "data");
        SyntheticDatasetWriter.WriteIdx(data, trainCount: 320, testCount: 80, classes: 4, side: 16, seed: 11);
        var run = Path.Combine(_root, "run");

        var (exit, output, error) = CliRunner.Run("train", "--data", data, "--out", run, "--depth", "8", "--epochs", "3",
            "--batch", "32", "--lr", "0.05", "--device", "cpu", "--seed", "5");

        Assert.True(exit == 0, error);
        Assert.Contains("epoch 3: train loss", output);
        // 80 images per class give 8 to a 10 % hold-out, 32 in all: too few to choose an epoch on.
        Assert.Contains("Done: last epoch 3 (too few images per class to hold a validation split out)", output);
        Assert.Contains("test accuracy", output);
        var loaded = ModelCheckpoint.Load(Path.Combine(run, "model.ckpt"));
        using var _ = loaded.Model;
        Assert.Equal(8, loaded.Description.Architecture.Depth);
        Assert.Equal(4, loaded.Description.Classes.Count);
    }

    [Fact]
    public void TrainFromAModelTakesItsNetworkAndWeights()
    {
        var source = Path.Combine(_root, "source");
        SyntheticDatasetWriter.WriteIdx(source, trainCount: 64, testCount: 16, classes: 4, side: 16, seed: 3);
        var target = Path.Combine(_root, "target");
        SyntheticDatasetWriter.WriteIdx(target, trainCount: 64, testCount: 16, classes: 3, side: 16, seed: 4);
        var first = CliRunner.Run("train", "--data", source, "--out", Path.Combine(_root, "first"), "--units", "1,1", "--filters", "8,8,16",
            "--epochs", "1", "--batch", "16", "--device", "cpu");
        Assert.True(first.Exit == 0, first.Error);

        var (exit, _, error) = CliRunner.Run("train", "--data", target, "--out", Path.Combine(_root, "tuned"), "--from", Path.Combine(_root, "first", "model.ckpt"),
            "--freeze", "stem", "--class-balance", "weights", "--epochs", "1", "--batch", "16", "--device", "cpu");

        Assert.True(exit == 0, error);
        var loaded = ModelCheckpoint.Load(Path.Combine(_root, "tuned", "model.ckpt"));
        using var _ = loaded.Model;
        Assert.Equal([1, 1], loaded.Description.Architecture.Units);
        Assert.Equal(3, loaded.Description.Classes.Count);
    }

    [Fact]
    public void TrainRefusesOptionsOutsideTheirRange()
    {
        var (exit, _, error) = CliRunner.Run("train", "--data", _root, "--out", Path.Combine(_root, "run"), "--epochs", "0");

        Assert.Equal(2, exit);
        Assert.Contains("Epochs", error);
    }

    [Theory]
    [InlineData("--batch-size", "0", "BatchSize")]
    [InlineData("--batch", "0", "BatchSize")]
    [InlineData("--learning-rate", "0", "LearningRate")]
    [InlineData("--lr", "0", "LearningRate")]
    [InlineData("--weight-decay", "1", "WeightDecay")]
    [InlineData("--wd", "1", "WeightDecay")]
    [InlineData("--warmup-epochs", "-1", "WarmupEpochs")]
    [InlineData("--validation-fraction", "0.9", "ValidationFraction")]
    [InlineData("--early-stopping-patience", "0", "EarlyStoppingPatience")]
    [InlineData("--patience", "0", "EarlyStoppingPatience")]
    public void ApiNamesAndTheirShortAliasesReachTheSameTrainingOption(string option, string value, string field)
    {
        var (exit, _, error) = CliRunner.Run("train", "--data", _root, "--out", Path.Combine(_root, "run"), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(field, Assert.Single(CliRunner.Lines(error)));
    }

    [Fact]
    public void TrainWithoutItsRequiredOptionsNamesThemOnOneLine()
    {
        var (exit, _, error) = CliRunner.Run("train");

        Assert.Equal(2, exit);
        var line = Assert.Single(CliRunner.Lines(error));
        Assert.Contains("--data", line);
        Assert.Contains("--out", line);
    }

    [Fact]
    public void DeviceThisHostLacksIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run("bench", "train", "--depth", "8", "--device", "cuda:999");

        Assert.Equal(2, exit);
        Assert.Contains("cuda:999", Assert.Single(CliRunner.Lines(error)));
    }

    [Fact]
    public void TrainNamesADatasetItCannotRead()
    {
        var (exit, _, error) = CliRunner.Run("train", "--data", _root, "--out", Path.Combine(_root, "run"), "--device", "cpu");

        Assert.Equal(1, exit);
        Assert.Contains("format", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BenchPipelinePrintsThroughputPerCoreAndLast(bool inMemory)
    {
        var data = WritePhotos();

        var (exit, output, error) = CliRunner.Run(["bench", "pipeline", "--data", data, "--input-size", "48", "--batch", "4", "--epochs", "1",
            .. (inMemory ? new[] { "--in-memory" } : [])]);

        Assert.True(exit == 0, error);
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Matches(@"^images=\d+ seconds=", lines[0]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^images_per_cpu_s=\d+(\.\d+)?$"));
        Assert.Matches(@"^images_per_s=\d+(\.\d+)?$", lines[^1]);
    }

    [Fact]
    public void BenchPipelineCountsOnlyTheMeasuredEpochs()
    {
        var data = WritePhotos();
        int ImagesMeasured(int epochs)
        {
            var (exit, output, error) = CliRunner.Run("bench", "pipeline", "--data", data, "--input-size", "48", "--batch", "4",
                "--epochs", $"{epochs}", "--warmup-epochs", "2");
            Assert.True(exit == 0, error);
            return int.Parse(Regex.Match(output, @"^images=(\d+) ", RegexOptions.Multiline).Groups[1].Value);
        }

        var one = ImagesMeasured(1);

        Assert.True(one > 0);
        Assert.Equal(2 * one, ImagesMeasured(2));
    }

    private string WritePhotos()
    {
        var data = Path.Combine(_root, "photos");
        for (var i = 0; i < 12; i++)
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(data, $"class{i % 2}")).FullName, $"{i}.jpg"),
                TestImages.Photo(90 + 7 * i, 120 - 5 * i, seed: i));
        return data;
    }

    [Fact]
    public void BenchPipelineWithoutAFolderIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run("bench", "pipeline", "--data", Path.Combine(_root, "absent"));

        Assert.Equal(2, exit);
        Assert.Contains("is not a folder", error);
    }

    [Fact]
    public void BenchPrintsThroughputLastAndThePipelineOverhead()
    {
        var (exit, output, error) = CliRunner.Run("bench", "train", "--depth", "8", "--input", "1x16x16", "--classes", "4",
            "--batch", "8", "--steps", "2", "--warmup", "1", "--pipeline", "--device", "cpu");

        Assert.True(exit == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Matches(@"^images_per_s=\d+(\.\d+)?$", lines[^1].Trim());
        Assert.Contains(lines, l => l.Trim().StartsWith("pipeline_overhead=") && l.Trim().EndsWith('%'));
    }

    [Fact]
    public void ALibtorchErrorEndsTheVerbWithOneLineAndAFailedExit()
    {
        // A batch of 2e9 images of 3x32x32 floats is 24.6 PB: no allocator can give it, whatever the overcommit policy.
        var (exit, _, error) = CliRunner.Run("bench", "train", "--depth", "8", "--input", "3x32x32", "--batch", "2000000000",
            "--steps", "1", "--warmup", "0", "--device", "cpu");

        Assert.Equal(1, exit);
        var line = Assert.Single(CliRunner.Lines(error));
        Assert.StartsWith("libtorch failed: ", line);
        Assert.Contains("allocate", line);
    }
}
