using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using TorchSharp;

namespace ResNetService.Model.Tests;

internal static class ResNetTestModels
{
    public static ResNetConfig Config(int channels, int side, int classes, int? depth = null, bool? bottleneck = null,
        int[]? units = null, int[]? filters = null) =>
        ResNetConfigResolver.Resolve(new NetworkLayout { Depth = depth, Bottleneck = bottleneck, Units = units, Filters = filters }, new ImageShape(channels, side, side), classes);

    public static ResNet Build(ResNetConfig config, int seed = 1)
    {
        torch.manual_seed(seed);
        return new ResNet(config);
    }
}
