using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Training.Tests.FineTuning;

/// <summary>Model checkpoints to start fine-tuning runs from, made without training: fixed seeds, running statistics moved off their defaults.</summary>
internal static class SourceModels
{
    public static string Save(string path, IReadOnlyList<string> classes, int channels = 1, int side = 16, int depth = 8)
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Depth = depth }, new ImageShape(channels, side, side), classes.Count);
        torch.manual_seed(17);
        using var model = new ResNet(config);
        using (NewDisposeScope())
            model.forward(randn(8, channels, side, side).mul_(0.3).add_(0.2));
        ModelCheckpoint.Save(path, model, new ModelDescription(config, classes, new InputNormalization(
            Enumerable.Repeat(0.2f, channels).ToArray(), Enumerable.Repeat(0.3f, channels).ToArray())));
        return path;
    }

    public static Dictionary<string, Tensor> StateOf(string checkpoint)
    {
        using var model = ModelCheckpoint.Load(checkpoint).Model;
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone().DetachFromDisposeScope());
    }

    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
