using ResNetService.Model.Architecture;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Model.Network;

/// <summary>
/// MXNet's pre-activation <c>residual_unit</c>: BN → ReLU (act1) → convolutions, plus a shortcut that is the input
/// itself when dimensions match, else a 1×1 projection of act1. No activation after the sum.
/// </summary>
public sealed class ResidualUnit : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d? bn3;
    private readonly Conv2d? conv3;
    private readonly Conv2d? sc;

    public ResidualUnit(UnitPlan plan) : base(plan.Name)
    {
        var middle = plan.MiddleChannels;
        bn1 = Layers.BatchNorm(plan.InChannels);
        if (plan.Bottleneck)
        {
            conv1 = Layers.Conv(plan.InChannels, middle, kernel: 1, stride: 1);
            bn2 = Layers.BatchNorm(middle);
            conv2 = Layers.Conv(middle, middle, kernel: 3, stride: plan.Stride);
            bn3 = Layers.BatchNorm(middle);
            conv3 = Layers.Conv(middle, plan.OutChannels, kernel: 1, stride: 1);
        }
        else
        {
            conv1 = Layers.Conv(plan.InChannels, plan.OutChannels, kernel: 3, stride: plan.Stride);
            bn2 = Layers.BatchNorm(plan.OutChannels);
            conv2 = Layers.Conv(plan.OutChannels, plan.OutChannels, kernel: 3, stride: 1);
        }
        if (!plan.DimMatch)
            sc = Layers.Conv(plan.InChannels, plan.OutChannels, kernel: 1, stride: plan.Stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // In-place ReLU and add are safe for autograd here: BN and conv backward need their inputs, not their outputs.
        using var act1 = bn1.forward(input).relu_();
        var branch = Branch(act1);
        if (sc is null)
            return branch.add_(input);
        using var shortcut = sc.forward(act1);
        return branch.add_(shortcut);
    }

    private Tensor Branch(Tensor act1)
    {
        using var c1 = conv1.forward(act1);
        using var a2 = bn2.forward(c1).relu_();
        if (bn3 is null || conv3 is null)
            return conv2.forward(a2);
        using var c2 = conv2.forward(a2);
        using var a3 = bn3.forward(c2).relu_();
        return conv3.forward(a3);
    }
}
