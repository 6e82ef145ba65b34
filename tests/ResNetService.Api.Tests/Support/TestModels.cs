using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using TorchSharp;

namespace ResNetService.Api.Tests.Support;

/// <summary>Tiny untrained ResNets (one basic unit per stage, 4 filters throughout) saved as checkpoints into a service's data root, as a finished job would.</summary>
public static class TestModels
{
    /// <param name="seed">
    /// Given: the weights are drawn (He-normal) from a generator of their own with this seed, the same in every run, for
    /// tests that need a model whose scores tell two inputs apart; a random tiny model sometimes scores everything alike.
    /// </param>
    public static ModelRow Publish(ServiceFactory factory, string name, IReadOnlyList<string> classes, int channels = 3, int side = 8, int stages = 1,
        EvalTransform evalTransform = EvalTransform.Squash, int? seed = null)
    {
        var config = Tiny(classes.Count, channels, side, stages);
        var description = new ModelDescription(config, classes, new InputNormalization(
            Enumerable.Repeat(0.5f, channels).ToArray(), Enumerable.Repeat(0.25f, channels).ToArray()), evalTransform);
        using var model = new ResNet(config);
        if (seed is { } fixedSeed)
            DrawWeights(model, fixedSeed);
        return Publish(factory, name, model, description);
    }

    private static void DrawWeights(ResNet model, int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var weight in model.parameters().Where(p => p.dim() > 1))
        {
            var fanIn = weight.numel() / weight.shape[0];
            using var drawn = torch.randn(weight.shape, generator: generator).mul_(Math.Sqrt(2.0 / fanIn));
            weight.copy_(drawn);
        }
    }

    /// <summary>
    /// A network whose answer is a function of the image: class k of n for a grey level nearest to (k + ½) / n
    /// (<see cref="BrightnessOf"/>). The stem averages the channels of each pixel into one map, every residual branch
    /// is zero and every shortcut the identity, so the pooled feature is the mean brightness b; the classifier's
    /// logits are tangents of −(b − c)², whose largest is the one of the nearest centre c.
    /// </summary>
    public static ModelRow PublishBrightnessClassifier(ServiceFactory factory, string name, IReadOnlyList<string> classes)
    {
        var config = Tiny(classes.Count, channels: 3, side: 8);
        var description = new ModelDescription(config, classes, InputNormalization.Identity(3));
        using var model = new ResNet(config);
        using (torch.no_grad())
        {
            foreach (var (parameter, value) in model.named_parameters())
            {
                value.zero_();
                if (parameter.Contains("bn", StringComparison.Ordinal) && parameter.EndsWith(".weight", StringComparison.Ordinal))
                    value.fill_(1);
                else if (parameter == "conv0.weight")
                    value[0, .., 1, 1].fill_(1f / 3);
                else if (parameter.EndsWith(".sc.weight", StringComparison.Ordinal))
                    for (var c = 0; c < value.shape[0]; c++)
                        value[c, c, 0, 0].fill_(1);
                else if (parameter == "fc1.weight")
                    for (var k = 0; k < classes.Count; k++)
                        value[k, 0].fill_(Sharpness * 2 * Centre(k, classes.Count));
                else if (parameter == "fc1.bias")
                    for (var k = 0; k < classes.Count; k++)
                        value[k].fill_(-Sharpness * Centre(k, classes.Count) * Centre(k, classes.Count));
            }
        }
        return Publish(factory, name, model, description);
    }

    /// <summary>The grey level a brightness classifier puts in class <paramref name="k"/> of <paramref name="classes"/>.</summary>
    public static byte BrightnessOf(int k, int classes) => (byte)Math.Round(Centre(k, classes) * 255);

    private const float Sharpness = 200;

    private static float Centre(int k, int classes) => (k + 0.5f) / classes;

    private static ResNetConfig Tiny(int classes, int channels, int side, int stages = 1) =>
        ResNetConfigResolver.Resolve(new NetworkLayout { Units = Enumerable.Repeat(1, stages).ToArray(), Filters = Enumerable.Repeat(4, stages + 1).ToArray() }, new ImageShape(channels, side, side), classes);

    private static ModelRow Publish(ServiceFactory factory, string name, ResNet model, ModelDescription description)
    {
        var checkpoint = factory.Service<DataRoot>().NewTemporaryPath(".ckpt");
        ModelCheckpoint.Save(checkpoint, model, description);
        var id = ResourceIds.New();
        return factory.Service<ModelStore>().Publish(new ModelRow
        {
            Id = id, Name = name, CreatedAt = DateTimeOffset.UtcNow, Description = description, BestEpoch = 1, BestValidationAccuracy = 0.5,
            History = [], CheckpointPath = ModelRow.CheckpointPathFor(id),
        }, checkpoint);
    }
}
