using ResNetService.Model.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Model.Network;

/// <summary>
/// MXNet's pre-activation ResNet (<c>resnet()</c> of its image-classification example), built from a validated
/// <see cref="ResNetConfig"/> and initialised as MXNet's fit.py does.
/// </summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn_data;
    private readonly Conv2d conv0;
    private readonly BatchNorm2d? bn0;
    private readonly MaxPool2d? pool0;
    private readonly BatchNorm2d bn1;
    private readonly Linear fc1;
    private readonly ResidualStage[] _stages;
    private readonly List<BatchNorm2d> _frozenNorms = [];

    /// <summary>torch's random generator is one per process, so two trainings starting at once take turns with it.</summary>
    private static readonly Lock SeedGate = new();

    /// <summary>A network whose initial weights depend only on <paramref name="seed"/>, even while other threads build networks too.</summary>
    public static ResNet Seeded(ResNetConfig config, int seed)
    {
        lock (SeedGate)
        {
            torch.manual_seed(seed);
            return new ResNet(config);
        }
    }

    public ResNet(ResNetConfig config) : base("resnet")
    {
        Config = config;
        bn_data = Layers.BatchNorm(config.InputChannels);
        if (config.SmallImageStem)
        {
            conv0 = Layers.Conv(config.InputChannels, config.Filters[0], kernel: 3, stride: 1);
        }
        else
        {
            conv0 = Layers.Conv(config.InputChannels, config.Filters[0], kernel: 7, stride: 2);
            bn0 = Layers.BatchNorm(config.Filters[0]);
            pool0 = nn.MaxPool2d(3, stride: 2, padding: 1);
        }
        bn1 = Layers.BatchNorm(config.Filters[^1]);
        fc1 = nn.Linear(config.Filters[^1], config.Classes);
        RegisterComponents();

        _stages = config.UnitPlans()
            .GroupBy(plan => plan.Stage)
            .Select(stage => new ResidualStage(stage.Key, stage))
            .ToArray();
        for (var i = 0; i < _stages.Length; i++)
            register_module($"stage{i + 1}", _stages[i]);

        MxnetInitializer.Initialize(this);
        // MXNet's bn_data has fix_gamma=True: its scale stays 1 and only its shift learns.
        bn_data.weight!.requires_grad = false;
    }

    public ResNetConfig Config { get; }

    /// <summary>
    /// Keeps the first <paramref name="parts"/> parts fixed while the rest trains: the stem (input BN, stem conv and
    /// BN) counts as one part, then each stage. Their parameters stop requiring gradients (so optimisers built
    /// afterwards leave them out) and their BNs stay in eval mode, so running statistics do not move either.
    /// </summary>
    public void Freeze(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, 1 + _stages.Length);
        if (parts == 0)
            return;
        IEnumerable<nn.Module> frozen = [bn_data, conv0, .. bn0 is null ? Array.Empty<nn.Module>() : [bn0], .. _stages.Take(parts - 1)];
        foreach (var module in frozen)
        {
            foreach (var parameter in module.parameters())
                parameter.requires_grad = false;
            _frozenNorms.AddRange(module.modules().Prepend(module).OfType<BatchNorm2d>());
        }
        train(training);
    }

    /// <summary>Training mode for everything but the frozen BNs, whatever calls it (the trainer, the evaluator restoring the mode).</summary>
    public override void train(bool train = true)
    {
        base.train(train);
        foreach (var norm in _frozenNorms)
            norm.eval();
    }

    public override Tensor forward(Tensor input)
    {
        using var activations = LastStageActivations(input);
        return Classify(activations);
    }

    /// <summary>
    /// The last stage's output after the final BN and ReLU: the maps the classifier pools, N×C×h×w. Grad-CAM looks
    /// here, because these are the last maps that still know where things are.
    /// </summary>
    public Tensor LastStageActivations(Tensor input)
    {
        using var normalized = bn_data.forward(input);
        var x = Stem(normalized);
        foreach (var stage in _stages)
        {
            using var previous = x;
            x = stage.forward(previous);
        }
        using (x)
            return bn1.forward(x).relu_();
    }

    /// <summary>Class scores (logits, N×classes) from <see cref="LastStageActivations"/>: global average pool, then the fully connected layer.</summary>
    public Tensor Classify(Tensor activations)
    {
        using var pooled = nn.functional.adaptive_avg_pool2d(activations, 1);
        using var flat = pooled.flatten(1);
        return fc1.forward(flat);
    }

    private Tensor Stem(Tensor input)
    {
        if (bn0 is null || pool0 is null)
            return conv0.forward(input);
        using var convolved = conv0.forward(input);
        using var activated = bn0.forward(convolved).relu_();
        return pool0.forward(activated);
    }
}
