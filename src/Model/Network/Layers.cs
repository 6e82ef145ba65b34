using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Model.Network;

/// <summary>The two layer kinds of the network, with MXNet's settings.</summary>
internal static class Layers
{
    public const double BatchNormEpsilon = 2e-5;

    /// <summary>MXNet's momentum 0.9 keeps 0.9 of the old running value; PyTorch's momentum is the weight of the new one.</summary>
    public const double BatchNormMomentum = 0.1;

    public static BatchNorm2d BatchNorm(int channels) =>
        nn.BatchNorm2d(channels, eps: BatchNormEpsilon, momentum: BatchNormMomentum);

    /// <summary>A bias-free convolution with "same" padding for odd kernels.</summary>
    public static Conv2d Conv(int input, int output, int kernel, int stride) =>
        nn.Conv2d(input, output, kernel, stride: stride, padding: kernel / 2, bias: false);
}
