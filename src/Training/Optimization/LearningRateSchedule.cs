using ResNetService.Training.Hyperparameters;

namespace ResNetService.Training.Optimization;

/// <summary>
/// The learning rate at every optimiser step: optional linear warm-up from near zero, then MXNet's step schedule
/// (<c>lr_step_epochs</c> with a factor) or half a cosine down to zero. A pure function of the step, so a resumed run
/// continues on exactly the same curve.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly TrainingOptions _options;
    private readonly int _stepsPerEpoch;
    private readonly int[] _stepEpochs;

    public LearningRateSchedule(TrainingOptions options, int stepsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        _options = options;
        _stepsPerEpoch = stepsPerEpoch;
        _stepEpochs = (options.LearningRateStepEpochs.Count > 0
            ? options.LearningRateStepEpochs
            : [Math.Max(1, options.Epochs / 2), Math.Max(1, options.Epochs * 3 / 4)]).Distinct().Order().ToArray();
    }

    public int TotalSteps => _options.Epochs * _stepsPerEpoch;

    /// <param name="step">Zero-based optimiser step over the whole run.</param>
    public double At(long step)
    {
        var warmupSteps = _options.WarmupEpochs * _stepsPerEpoch;
        if (step < warmupSteps)
            return _options.LearningRate * (step + 1) / warmupSteps;

        return _options.Schedule switch
        {
            LearningRateScheduleKind.Step => _options.LearningRate * Math.Pow(_options.LearningRateFactor, StepsPassed(step)),
            LearningRateScheduleKind.Cosine => Cosine(step - warmupSteps, TotalSteps - warmupSteps),
            _ => throw new InvalidOperationException($"Unknown schedule {_options.Schedule}."),
        };
    }

    private int StepsPassed(long step)
    {
        var epoch = step / _stepsPerEpoch;
        return _stepEpochs.Count(boundary => epoch >= boundary);
    }

    private double Cosine(double done, double total) =>
        total <= 0 ? _options.LearningRate : 0.5 * _options.LearningRate * (1 + Math.Cos(Math.PI * Math.Min(done, total) / total));
}
