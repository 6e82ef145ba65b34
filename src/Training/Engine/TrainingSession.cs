using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;
using ResNetService.Training.Pipeline;
using ResNetService.Training.Telemetry;
using static TorchSharp.torch;

namespace ResNetService.Training.Engine;

/// <summary>
/// The epochs of one run (as Lightning's fit loop): batches, steps and validation, with its callbacks called at each
/// hook. Where a batch comes from and its learning rate are functions of the seed, the epoch and the step, so a
/// session started from a checkpoint's state goes on exactly as the one that wrote it would have.
/// </summary>
internal sealed class TrainingSession(SessionSetup setup)
{
    private readonly TrainingOptions _options = setup.Options;
    private readonly TrainingData _data = setup.Data;
    private readonly TrainingRun _run = new(setup.Model, setup.Optimizer, setup.Description, setup.Options.Epochs,
        EpochOrder.TrainingBatches(setup.Data.Train.Count, setup.Options.BatchSize));
    private readonly TrainingStep _step = new(setup.Model, setup.Optimizer, setup.Options.LabelSmoothing, setup.ClassWeights);

    /// <returns>Where the session stopped: past its last epoch, stopped early, or where it was cancelled.</returns>
    public TrainerState Run(TrainerState state, CancellationToken cancellationToken)
    {
        var schedule = new LearningRateSchedule(_options, _run.StepsPerEpoch);
        var loader = new BatchLoader(_data.Train, _data.Shape, AugmentationPolicy.For(_data.Config, _options.Augment), _options.Seed,
            _data.MaxSkippedFraction, region: _data.TrainingRegion);
        var samplesByClass = _options.ClassBalance == ClassBalance.Sampler ? SamplesByClass(_data) : null;
        var skippedReported = 0;
        Each(callback => callback.OnRunStart(_run, state));

        while (state.Epoch <= setup.LastEpoch && !state.StoppedEarly)
        {
            using var epochSpan = TrainingTelemetry.Source.StartActivity("epoch");
            epochSpan?.SetTag("epoch", state.Epoch);
            epochSpan?.SetTag(setup.RunTag.Key, setup.RunTag.Value);
            var epochClock = Stopwatch.StartNew();
            var secondsBefore = state.EpochSeconds;
            var learningRate = schedule.At(state.GlobalStep);
            var order = samplesByClass is null
                ? EpochOrder.Shuffled(_data.Train.Count, _options.BatchSize, _options.Seed, state.Epoch)
                : EpochOrder.ClassBalanced(samplesByClass, _data.Train.Count, _options.BatchSize, _options.Seed, state.Epoch);
            try
            {
                foreach (var batch in loader.Batches(order, state.Epoch, state.StepInEpoch, cancellationToken))
                {
                    if (cancellationToken.IsCancellationRequested)
                        break;
                    learningRate = schedule.At(state.GlobalStep);
                    OptimizerFactory.SetLearningRate(setup.Optimizer, learningRate, _options.HeadLearningRateMultiplier);
                    var (loss, correct, seconds) = Step(batch);
                    state = state with
                    {
                        StepInEpoch = batch.Step + 1,
                        GlobalStep = state.GlobalStep + 1,
                        EpochLossSum = state.EpochLossSum + loss * batch.Count,
                        EpochCorrect = state.EpochCorrect + correct,
                        EpochSeen = state.EpochSeen + batch.Count,
                        EpochSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds,
                    };
                    var end = new BatchEnd(batch.Count, learningRate, seconds);
                    Each(callback => callback.OnBatchEnd(_run, state, end));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            if (loader.SkippedSamples > skippedReported)
            {
                setup.Logger.LogWarning("{Skipped} training images could not be decoded and are left out of their batches", loader.SkippedSamples);
                skippedReported = loader.SkippedSamples;
            }
            if (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    state = EndEpoch(state, learningRate, cancellationToken);
                    Each(callback => callback.OnEpochEnd(_run, state));
                    continue;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled while validating: the state still says "all batches done", so a resume validates again.
                }
            }
            Each(callback => callback.OnCancelled(_run, state));
            return state;
        }
        return state;
    }

    private void Each(Action<ITrainingCallback> hook)
    {
        foreach (var callback in setup.Callbacks)
            hook(callback);
    }

    private static int[][] SamplesByClass(TrainingData data)
    {
        var train = data.Train;
        return Enumerable.Range(0, data.Classes.Count)
            .Select(c => Enumerable.Range(0, train.Count).Where(i => train.LabelAt(i) == c).ToArray())
            .ToArray();
    }

    private (double Loss, long Correct, double Seconds) Step(HostBatch batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = NewDisposeScope();
        var (loss, correct) = _step.Run(setup.Transfer.Images(batch.Pixels, batch.Count), setup.Transfer.Labels(batch.Labels));
        return (loss, correct, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Validates, lets the callbacks act on the epoch's metrics, and moves the state on to the next epoch.</summary>
    private TrainerState EndEpoch(TrainerState state, double learningRate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var validation = Evaluator.Evaluate(setup.Model, _data.Validation, _data.Shape, _data.EvaluationRegion, setup.Transfer, _options.BatchSize,
            cancellationToken);
        var seen = Math.Max(1, state.EpochSeen);
        var metrics = new EpochMetrics(state.Epoch, state.EpochLossSum / seen, (double)state.EpochCorrect / seen,
            validation.Loss, validation.Accuracy, validation.Top5Accuracy, learningRate, state.EpochSeconds + clock.Elapsed.TotalSeconds);

        foreach (var callback in setup.Callbacks)
            state = callback.OnValidationEnd(_run, state, metrics);
        return state with
        {
            Epoch = state.Epoch + 1,
            StepInEpoch = 0,
            History = [.. state.History, metrics],
            EpochLossSum = 0,
            EpochCorrect = 0,
            EpochSeen = 0,
            EpochSeconds = 0,
        };
    }
}
