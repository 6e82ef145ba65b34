using ResNetService.Model.Architecture;
using ResNetService.Model.Explanation;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ResNetService.Model.Tests.Explanation;

public sealed class GradCamTests(ITestOutputHelper output)
{
    private static ResNetConfig HalvesConfig => ResNetTestModels.Config(1, HalfBrightTask.Side, 2, units: [1, 1], filters: [8, 8, 16]);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TheHeatmapLiesOnTheHalfThatDecidesTheClass(int seed)
    {
        using var model = ResNetTestModels.Build(HalvesConfig, seed);
        HalfBrightTask.Train(model);
        using var scope = NewDisposeScope();
        var (images, labels) = HalfBrightTask.Generate(64, seed: 7);

        var explanations = GradCam.Explain(model, images);

        var correct = explanations.Select((e, i) => (e.Map, Label: labels[i].item<long>())).Where(x => x.Map.ClassIndex == x.Label).ToList();
        Assert.True(correct.Count >= 48, $"only {correct.Count} of 64 classified correctly");
        // Over the correctly classified images, 70 % of the heatmaps' mass lies in the deciding half, and every
        // single heatmap has most of its mass there.
        var masses = correct.Select(x => HalfBrightTask.MassIn(x.Map, x.Label)).ToList();
        var share = masses.Sum(m => m.Deciding) / masses.Sum(m => m.Total);
        var worst = masses.Min(m => m.Total > 0 ? m.Deciding / m.Total : 0);
        output.WriteLine($"mass in the deciding half: {share:F3} overall, {worst:F3} in the worst image");
        Assert.True(share >= 0.7, $"only {share:P0} of the heatmaps' mass in the deciding half");
        Assert.True(worst > 0.5, $"one heatmap has only {worst:P0} of its mass in the deciding half");
    }

    [Fact]
    public void TheHeatmapFollowsTheImage()
    {
        using var model = ResNetTestModels.Build(HalvesConfig, seed: 3);
        HalfBrightTask.Train(model, steps: 20);
        using var scope = NewDisposeScope();
        var (images, _) = HalfBrightTask.Generate(2, seed: 11);
        var changed = images.clone();
        changed[0] = images[0].flip(2);

        var before = GradCam.Explain(model, images);
        var again = GradCam.Explain(model, images);
        var after = GradCam.Explain(model, changed);

        Assert.Equal(before[0].Map.Values, again[0].Map.Values);
        Assert.NotEqual(before[0].Map.Values, after[0].Map.Values);
        Assert.Equal(before[1].Map.Values, after[1].Map.Values);
    }

    [Fact]
    public void ProbabilitiesAreTheNetworksAndTheMapIsTheClassifierWeightedActivation()
    {
        var config = ResNetTestModels.Config(3, 32, 5, depth: 8);
        using var model = ResNetTestModels.Build(config);
        model.eval();
        using var scope = NewDisposeScope();
        var images = randn(3, 3, 32, 32);

        var explanations = GradCam.Explain(model, images);

        using var noGrad = no_grad();
        var probabilities = model.forward(images).softmax(1);
        // With global average pooling before one linear layer, Grad-CAM's channel weights are the class's fc weights
        // divided by the grid size, so the map is ReLU(Σ_k w_ck · A_k) up to scale.
        var activations = model.LastStageActivations(images);
        var fcWeight = model.state_dict()["fc1.weight"];
        for (var i = 0; i < 3; i++)
        {
            var explanation = explanations[i];
            var expectedProbabilities = probabilities[i].data<float>().ToArray();
            Assert.Equal(expectedProbabilities.Length, explanation.Probabilities.Length);
            Assert.All(expectedProbabilities.Zip(explanation.Probabilities), p => Assert.Equal(p.First, p.Second, 1e-6f));
            Assert.Equal(probabilities[i].argmax().item<long>(), explanation.Map.ClassIndex);

            var cam = fcWeight[explanation.Map.ClassIndex].view(-1, 1, 1).mul(activations[i]).sum(dim: 0).relu();
            var expected = cam.div(cam.max()).data<float>().ToArray();
            Assert.Equal((8, 8), (explanation.Map.Height, explanation.Map.Width));
            Assert.All(expected.Zip(explanation.Map.Values), v => Assert.Equal(v.First, v.Second, 1e-5f));
        }
        Assert.All(model.parameters(), p => Assert.True(p.grad is null, "Grad-CAM left a gradient on the model"));
    }
}
