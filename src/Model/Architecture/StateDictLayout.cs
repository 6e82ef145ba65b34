namespace ResNetService.Model.Architecture;

/// <summary>
/// The state dict <see cref="Network.ResNet"/> has for a <see cref="ResNetConfig"/>, name by name with its shape, worked
/// out from the configuration alone: a weights file is checked against it before a network (or any tensor) is made.
/// </summary>
public static class StateDictLayout
{
    private static readonly string[] NormStatistics = ["weight", "bias", "running_mean", "running_var"];

    public static IReadOnlyDictionary<string, long[]> Of(ResNetConfig config)
    {
        var layout = new Dictionary<string, long[]>();
        BatchNorm(layout, "bn_data", config.InputChannels);
        if (config.SmallImageStem)
        {
            Conv(layout, "conv0", config.InputChannels, config.Filters[0], 3);
        }
        else
        {
            Conv(layout, "conv0", config.InputChannels, config.Filters[0], 7);
            BatchNorm(layout, "bn0", config.Filters[0]);
        }
        foreach (var plan in config.UnitPlans())
            Unit(layout, plan);
        BatchNorm(layout, "bn1", config.Filters[^1]);
        layout["fc1.weight"] = [config.Classes, config.Filters[^1]];
        layout["fc1.bias"] = [config.Classes];
        return layout;
    }

    private static void Unit(Dictionary<string, long[]> layout, UnitPlan plan)
    {
        var middle = plan.MiddleChannels;
        BatchNorm(layout, $"{plan.Name}.bn1", plan.InChannels);
        if (plan.Bottleneck)
        {
            Conv(layout, $"{plan.Name}.conv1", plan.InChannels, middle, 1);
            BatchNorm(layout, $"{plan.Name}.bn2", middle);
            Conv(layout, $"{plan.Name}.conv2", middle, middle, 3);
            BatchNorm(layout, $"{plan.Name}.bn3", middle);
            Conv(layout, $"{plan.Name}.conv3", middle, plan.OutChannels, 1);
        }
        else
        {
            Conv(layout, $"{plan.Name}.conv1", plan.InChannels, plan.OutChannels, 3);
            BatchNorm(layout, $"{plan.Name}.bn2", plan.OutChannels);
            Conv(layout, $"{plan.Name}.conv2", plan.OutChannels, plan.OutChannels, 3);
        }
        if (!plan.DimMatch)
            Conv(layout, $"{plan.Name}.sc", plan.InChannels, plan.OutChannels, 1);
    }

    private static void BatchNorm(Dictionary<string, long[]> layout, string name, int channels)
    {
        foreach (var statistic in NormStatistics)
            layout[$"{name}.{statistic}"] = [channels];
        layout[$"{name}.num_batches_tracked"] = [];
    }

    private static void Conv(Dictionary<string, long[]> layout, string name, int input, int output, int kernel) =>
        layout[$"{name}.weight"] = [output, input, kernel, kernel];
}
