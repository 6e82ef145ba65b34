using ResNetService.Training.Engine;

namespace ResNetService.Training.FineTuning;

/// <summary>
/// Defaults for a run that starts from a trained model: a tenth of the from-scratch learning rate (large steps
/// would wash out what the weights already know) and one epoch of warm-up (a re-initialised classifier's first
/// gradients are large). Options the request sets itself are kept.
/// </summary>
public static class FineTuningDefaults
{
    public const double LearningRate = 0.01;
    public const double WarmupEpochs = 1;

    /// <param name="given">The option names the request set (any case), e.g. the properties of its JSON object.</param>
    public static TrainingOptions Apply(TrainingOptions options, IEnumerable<string> given)
    {
        var set = new HashSet<string>(given, StringComparer.OrdinalIgnoreCase);
        return options with
        {
            LearningRate = set.Contains(nameof(TrainingOptions.LearningRate)) ? options.LearningRate : LearningRate,
            WarmupEpochs = set.Contains(nameof(TrainingOptions.WarmupEpochs)) ? options.WarmupEpochs : WarmupEpochs,
        };
    }
}
