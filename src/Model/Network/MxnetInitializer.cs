using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Model.Network;

/// <summary>
/// MXNet fit.py's initialisation: Xavier(rnd_type="gaussian", factor_type="in", magnitude=2), i.e. N(0, 2 / fan_in),
/// for convolution and fully connected weights; BN scale 1 and shift 0; fully connected bias 0.
/// Uses torch's global generator, so <c>torch.manual_seed</c> makes it reproducible.
/// </summary>
public static class MxnetInitializer
{
    public static void Initialize(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    XavierIn(conv.weight!);
                    break;
                case Linear linear:
                    XavierIn(linear.weight!);
                    linear.bias?.zero_();
                    break;
                case BatchNorm2d bn:
                    bn.weight?.fill_(1);
                    bn.bias?.zero_();
                    break;
            }
        }
    }

    private static void XavierIn(Tensor weight)
    {
        var fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        weight.normal_(0, Math.Sqrt(2.0 / fanIn));
    }
}
