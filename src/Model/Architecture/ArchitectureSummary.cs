namespace ResNetService.Model.Architecture;

/// <summary>
/// Shapes, parameter counts and multiply-adds of a <see cref="ResNetConfig"/>, worked out from the configuration
/// alone (no tensors), so even ResNet-269 at 224 px is summarised instantly.
/// </summary>
public sealed record ArchitectureSummary(
    ResNetConfig Config,
    IReadOnlyList<LayerSummary> Layers)
{
    public int Depth => Config.Depth;
    public long TrainableParameters => Layers.Sum(l => l.TrainableParameters);
    public long Parameters => Layers.Sum(l => l.Parameters);
    public long RunningStatistics => Layers.Sum(l => l.RunningStatistics);
    public long MultiplyAdds => Layers.Sum(l => l.MultiplyAdds);

    public static ArchitectureSummary Of(ResNetConfig config)
    {
        var layers = new List<LayerSummary>();
        int channels = config.InputChannels, height = config.InputHeight, width = config.InputWidth;

        layers.Add(BatchNorm("bn_data", channels, height, width, fixedScale: true));
        if (config.SmallImageStem)
        {
            layers.Add(Conv("conv0", channels, config.Filters[0], 3, 1, ref height, ref width));
        }
        else
        {
            layers.Add(Conv("conv0", channels, config.Filters[0], 7, 2, ref height, ref width));
            layers.Add(BatchNorm("bn0", config.Filters[0], height, width, fixedScale: false));
            (height, width) = (Stride(height, 2), Stride(width, 2));
            layers.Add(new LayerSummary("pool0", "MaxPool 3x3/2", [config.Filters[0], height, width], 0, 0, 0, 0));
        }
        channels = config.Filters[0];

        foreach (var plan in config.UnitPlans())
        {
            layers.Add(Unit(plan, ref height, ref width));
            channels = plan.OutChannels;
        }

        layers.Add(BatchNorm("bn1", channels, height, width, fixedScale: false));
        layers.Add(new LayerSummary("pool1", "GlobalAvgPool", [channels, 1, 1], 0, 0, 0, 0));
        var fc = (long)channels * config.Classes + config.Classes;
        layers.Add(new LayerSummary("fc1", "Linear", [config.Classes], fc, fc, 0, (long)channels * config.Classes));
        return new ArchitectureSummary(config, layers);
    }

    private static LayerSummary Unit(UnitPlan plan, ref int height, ref int width)
    {
        int inHeight = height, inWidth = width;
        height = Stride(height, plan.Stride);
        width = Stride(width, plan.Stride);
        long inPixels = (long)inHeight * inWidth, outPixels = (long)height * width;
        int cin = plan.InChannels, mid = plan.MiddleChannels, cout = plan.OutChannels;

        long convWeights, macs, bnChannels;
        if (plan.Bottleneck)
        {
            convWeights = (long)cin * mid + 9L * mid * mid + (long)mid * cout;
            macs = inPixels * cin * mid + outPixels * (9L * mid * mid + (long)mid * cout);
            bnChannels = cin + 2L * mid;
        }
        else
        {
            convWeights = 9L * cin * cout + 9L * cout * cout;
            macs = outPixels * convWeights;
            bnChannels = cin + (long)cout;
        }
        if (!plan.DimMatch)
        {
            convWeights += (long)cin * cout;
            macs += outPixels * cin * cout;
        }
        var kind = $"{(plan.Bottleneck ? "Bottleneck" : "Basic")}{(plan.DimMatch ? "" : ", projection")}{(plan.Stride > 1 ? $", stride {plan.Stride}" : "")}";
        var parameters = convWeights + 2 * bnChannels;
        return new LayerSummary(plan.Name, kind, [cout, height, width], parameters, parameters, 2 * bnChannels, macs);
    }

    private static LayerSummary Conv(string name, int cin, int cout, int kernel, int stride, ref int height, ref int width)
    {
        height = Stride(height, stride);
        width = Stride(width, stride);
        var weights = (long)cin * cout * kernel * kernel;
        return new LayerSummary(name, $"Conv {kernel}x{kernel}/{stride}", [cout, height, width], weights, weights, 0, weights * height * width);
    }

    private static LayerSummary BatchNorm(string name, int channels, int height, int width, bool fixedScale) =>
        new(name, fixedScale ? "BatchNorm (scale fixed at 1)" : "BatchNorm", [channels, height, width],
            2L * channels, fixedScale ? channels : 2L * channels, 2L * channels, 0);

    /// <summary>Output side of a kernel whose padding keeps "same" size at stride 1 (all kernels here).</summary>
    private static int Stride(int side, int stride) => (side - 1) / stride + 1;
}
