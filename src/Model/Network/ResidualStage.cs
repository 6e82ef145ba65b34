using ResNetService.Model.Architecture;
using static TorchSharp.torch;

namespace ResNetService.Model.Network;

/// <summary>The units of one stage, registered as <c>unit1</c>, <c>unit2</c>, … so state-dict names read <c>stage2.unit1.conv1.weight</c>.</summary>
public sealed class ResidualStage : nn.Module<Tensor, Tensor>
{
    private readonly ResidualUnit[] _units;

    public ResidualStage(int stage, IEnumerable<UnitPlan> plans) : base($"stage{stage}")
    {
        _units = plans.Select(plan => new ResidualUnit(plan)).ToArray();
        for (var i = 0; i < _units.Length; i++)
            register_module($"unit{i + 1}", _units[i]);
    }

    public override Tensor forward(Tensor input)
    {
        var x = _units[0].forward(input);
        foreach (var unit in _units.Skip(1))
        {
            using var previous = x;
            x = unit.forward(previous);
        }
        return x;
    }
}
