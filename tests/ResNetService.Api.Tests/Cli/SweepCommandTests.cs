using ResNetService.Model.Checkpoints;
using ResNetService.Training.Synthetic;

namespace ResNetService.Api.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resnet-cli-sweep-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ASweepStopsTheWeakTrialsAtTheFirstRungAndWritesTheBestModel()
    {
        var data = Path.Combine(_root, "data");
        SyntheticDatasetWriter.WriteIdx(data, trainCount: 480, testCount: 64, classes: 4, side: 16, seed: 11);
        var spec = Spec("""
            {
              "job": { "model": { "depth": 8 }, "training": { "batchSize": 32, "seed": 5 } },
              "searchSpace": { "learningRate": { "choice": [0.002, 0.1, 0.0005] } },
              "search": { "kind": "grid" },
              "scheduler": { "kind": "asha", "minEpochs": 1, "maxEpochs": 3, "reductionFactor": 3 }
            }
            """);
        var folder = Path.Combine(_root, "sweep");

        var (exit, output, error) = CliRunner.Run("sweep", "--spec", spec, "--data", data, "--out", folder, "--device", "cpu");

        Assert.True(exit == 0, error + output);
        Assert.Contains("Rungs at 1, 3 epochs; 3 trials.", output);
        Assert.Equal(2, CliRunner.Lines(output).Count(l => l.Contains("stopped at rung 0", StringComparison.Ordinal)));
        // The rate that learns fastest was the best after one epoch, and the one trained to the end.
        Assert.Single(CliRunner.Lines(output), l => l.Contains("learningRate=0.1 ", StringComparison.Ordinal) && l.Contains(" completed ", StringComparison.Ordinal));
        Assert.True(output.Contains("Epochs spent: 5 of 9 for every trial trained to the end (56%).", StringComparison.Ordinal), output);
        var best = CliRunner.Lines(output).Single(l => l.StartsWith("Best: trial", StringComparison.Ordinal));
        var loaded = ModelCheckpoint.Load(best[(best.IndexOf("model ", StringComparison.Ordinal) + 6)..]);
        using var _ = loaded.Model;
        Assert.Equal(8, loaded.Description.Architecture.Depth);

        // Run again, the sweep replays its decisions from the trials' checkpoints and ends the same way without training again.
        var again = CliRunner.Run("sweep", "--spec", spec, "--data", data, "--out", folder, "--device", "cpu");
        Assert.Equal(0, again.Exit);
        Assert.Equal(best, CliRunner.Lines(again.Output).Single(l => l.StartsWith("Best: trial", StringComparison.Ordinal)));
    }

    [Fact]
    public void ABadSpecNamesEachFieldAndTrainsNothing()
    {
        var spec = Spec("""{ "job": { "model": { "depth": 8 } }, "searchSpace": { "learningRate": { "uniform": [1, 0] }, "colour": { "choice": [1] } } }""");

        var (exit, _, error) = CliRunner.Run("sweep", "--spec", spec, "--data", _root, "--out", Path.Combine(_root, "sweep"));

        Assert.Equal(2, exit);
        Assert.Contains("searchSpace.learningRate: uniform takes [low, high]", error);
        Assert.Contains("searchSpace.colour: 'colour' is not an option", error);
        Assert.Contains("budget.maxTrials", error);
        Assert.False(Directory.Exists(Path.Combine(_root, "sweep")));
    }

    private string Spec(string json)
    {
        var path = Path.Combine(_root, $"spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
