using System.Text.Json;
using ResNetService.Training.Sweeps;

namespace ResNetService.Training.Tests.Sweeps;

public class SearchSpaceTests
{
    private static readonly SearchSpace Space = new(new Dictionary<string, ParameterRange>
    {
        ["learningRate"] = new(LogUniform: [0.001, 0.5]),
        ["momentum"] = new(Uniform: [0.8, 0.95]),
        ["depth"] = new(Choice: [Json("20"), Json("32"), Json("56")]),
        ["batchSize"] = new(Int: [16, 128, 16]),
    });

    [Fact]
    public void ARandomTrialIsAFunctionOfTheSeedAndItsNumberOnly()
    {
        var first = Enumerable.Range(0, 20).Select(i => Text(Space.Trial(SearchKind.Random, 7, i))).ToList();
        var again = Enumerable.Range(0, 20).Reverse().Select(i => Text(Space.Trial(SearchKind.Random, 7, i))).Reverse().ToList();
        var otherSeed = Enumerable.Range(0, 20).Select(i => Text(Space.Trial(SearchKind.Random, 8, i))).ToList();

        Assert.Equal(first, again);
        Assert.Equal(20, first.Distinct().Count());
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void RandomValuesStayInTheirRangesAndCoverThem()
    {
        var trials = Enumerable.Range(0, 400).Select(i => Space.Trial(SearchKind.Random, 1, i)).ToList();

        var rates = trials.Select(t => t["learningRate"].GetDouble()).ToList();
        Assert.All(rates, r => Assert.InRange(r, 0.001, 0.5));
        // Log-uniform: about as many draws per decade, so far more below 0.01 than a uniform draw would give (2%).
        Assert.InRange(rates.Count(r => r < 0.01), 100, 200);
        Assert.All(trials, t => Assert.InRange(t["momentum"].GetDouble(), 0.8, 0.95));
        Assert.Equal([16, 20, 32, 48, 56, 64, 80, 96, 112, 128],
            trials.SelectMany(t => new[] { t["depth"].GetInt32(), t["batchSize"].GetInt32() }).Distinct().Order());
    }

    [Fact]
    public void AddingAnOptionLeavesTheOthersValuesAsTheyWere()
    {
        var wider = new SearchSpace(new Dictionary<string, ParameterRange>
        {
            ["learningRate"] = new(LogUniform: [0.001, 0.5]),
            ["momentum"] = new(Uniform: [0.8, 0.95]),
            ["depth"] = new(Choice: [Json("20"), Json("32"), Json("56")]),
            ["batchSize"] = new(Int: [16, 128, 16]),
            ["weightDecay"] = new(LogUniform: [1e-5, 1e-3]),
        });

        for (var i = 0; i < 10; i++)
        {
            var before = Space.Trial(SearchKind.Random, 3, i);
            var after = wider.Trial(SearchKind.Random, 3, i);
            Assert.All(before, p => Assert.Equal(p.Value.GetRawText(), after[p.Key].GetRawText()));
        }
    }

    [Fact]
    public void AGridTriesEveryCombinationOnce()
    {
        var grid = new SearchSpace(new Dictionary<string, ParameterRange>
        {
            ["depth"] = new(Choice: [Json("8"), Json("14")]),
            ["augment"] = new(Choice: [Json("true"), Json("false")]),
            ["batchSize"] = new(Int: [16, 48, 16]),
        });

        var trials = Enumerable.Range(0, 12).Select(i => Text(grid.Trial(SearchKind.Grid, 0, i))).ToList();

        Assert.Equal(12, grid.GridSize());
        Assert.Equal(12, trials.Distinct().Count());
        Assert.Equal("""{"augment":true,"batchSize":16,"depth":8}""", trials[0]);
        Assert.Equal("""{"augment":true,"batchSize":16,"depth":14}""", trials[1]);
        Assert.Equal("""{"augment":false,"batchSize":48,"depth":14}""", trials[11]);
    }

    [Fact]
    public void EveryMalformedRangeIsReportedUnderItsOwnName()
    {
        var space = new SearchSpace(new Dictionary<string, ParameterRange>
        {
            ["learningRate"] = new(LogUniform: [0, 0.5]),
            ["momentum"] = new(Uniform: [0.9, 0.8]),
            ["depth"] = new(Choice: []),
            ["batchSize"] = new(Int: [64, 16]),
            ["weightDecay"] = new(),
            ["labelSmoothing"] = new(Uniform: [0, 0.1], Choice: [Json("0")]),
            ["warmupEpochs"] = new(Int: [0, 4, 0]),
        });

        var errors = space.Problems(SearchKind.Random);

        Assert.Equal(["batchSize", "depth", "labelSmoothing", "learningRate", "momentum", "warmupEpochs", "weightDecay"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("above 0", errors["learningRate"][0]);
        Assert.Contains("low below high", errors["momentum"][0]);
        Assert.Contains("exactly one", errors["weightDecay"][0]);
        Assert.Contains("exactly one", errors["labelSmoothing"][0]);
        Assert.Contains("step at least 1", errors["warmupEpochs"][0]);
    }

    [Fact]
    public void AGridRefusesContinuousRangesAndAnEmptySpaceIsRefused()
    {
        var errors = Space.Problems(SearchKind.Grid);

        Assert.Equal(["learningRate", "momentum"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("grid", errors["learningRate"][0]);
        Assert.Empty(Space.Problems(SearchKind.Random));
        Assert.True(new SearchSpace(new Dictionary<string, ParameterRange>()).Problems(SearchKind.Random).ContainsKey(""));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Text(IReadOnlyDictionary<string, JsonElement> trial) => JsonSerializer.Serialize(trial);
}
