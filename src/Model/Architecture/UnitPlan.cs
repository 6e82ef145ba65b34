namespace ResNetService.Model.Architecture;

/// <summary>One residual unit of a <see cref="ResNetConfig"/>: where it sits and what it maps.</summary>
public sealed record UnitPlan(int Stage, int Index, int InChannels, int OutChannels, int Stride, bool DimMatch, bool Bottleneck)
{
    /// <summary>State-dict prefix of the unit, e.g. <c>stage2.unit1</c>.</summary>
    public string Name => $"stage{Stage}.unit{Index}";

    public int MiddleChannels => Bottleneck ? OutChannels / 4 : OutChannels;
}

public static class ResNetConfigLayout
{
    /// <summary>
    /// The units in order, as MXNet's <c>resnet()</c> lays them out: every stage opens with a projection unit
    /// (dim_match false, even in stage 1), with stride 1 in stage 1 and 2 after.
    /// </summary>
    public static IEnumerable<UnitPlan> UnitPlans(this ResNetConfig config)
    {
        for (var stage = 1; stage <= config.Stages; stage++)
        {
            for (var index = 1; index <= config.Units[stage - 1]; index++)
            {
                var first = index == 1;
                yield return new UnitPlan(
                    stage,
                    index,
                    InChannels: first ? config.Filters[stage - 1] : config.Filters[stage],
                    OutChannels: config.Filters[stage],
                    Stride: first && stage > 1 ? 2 : 1,
                    DimMatch: !first,
                    config.Bottleneck);
            }
        }
    }
}
