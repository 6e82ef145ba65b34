using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using TorchSharp;

namespace ResNetService.Model.Tests;

internal static class ResNetTestModels
{
    public static ResNetConfig Config(int channels, int side, int classes, int? depth = null, bool? bottleneck = null,
        int[]? units = null, int[]? filters = null) =>
        ResNetConfigResolver.Resolve(new ResNetSpec(channels, side, side, classes, depth, bottleneck, units, filters));

    public static ResNet Build(ResNetConfig config, int seed = 1)
    {
        torch.manual_seed(seed);
        return new ResNet(config);
    }
}
