using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Optimization;
using ResNetService.Training.Pipeline;
using ResNetService.Training.Telemetry;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Engine;

/// <summary>The epochs of one run: steps, progress, validation, early stopping and checkpoints.</summary>
internal sealed class TrainingLoop(
    ResNet model,
    SGD optimizer,
    InputTransfer transfer,
    TrainingData data,
    ModelDescription description,
    TrainingCheckpoints checkpoints,
    TrainingOptions options,
    TrainerSettings settings,
    Tensor? classWeights,
    ITrainingObserver? observer,
    KeyValuePair<string, object?> run,
    ILogger logger,
    int lastEpoch)
{
    private readonly int _stepsPerEpoch = EpochOrder.TrainingBatches(data.Train.Count, options.BatchSize);
    private readonly TrainingStep _step = new(model, optimizer, options.LabelSmoothing, classWeights);
    private readonly int[][]? _samplesByClass = options.ClassBalance == ClassBalance.Sampler ? SamplesByClass(data) : null;

    public TrainerState Run(TrainerState state, CancellationToken cancellationToken)
    {
        var schedule = new LearningRateSchedule(options, _stepsPerEpoch);
        var loader = new BatchLoader(data.Train, data.Shape, AugmentationPolicy.For(data.Config, options.Augment), options.Seed, data.MaxSkippedFraction,
            region: data.TrainingRegion);
        var skippedReported = 0;
        var meter = new ProgressMeter(schedule.TotalSteps, state.GlobalStep);
        var sinceCheckpoint = Stopwatch.StartNew();

        while (state.Epoch <= lastEpoch && !state.StoppedEarly)
        {
            using var epochSpan = TrainingTelemetry.Source.StartActivity("epoch");
            epochSpan?.SetTag("epoch", state.Epoch);
            epochSpan?.SetTag(run.Key, run.Value);
            var epochClock = Stopwatch.StartNew();
            var secondsBefore = state.EpochSeconds;
            var learningRate = schedule.At(state.GlobalStep);
            var order = _samplesByClass is null
                ? EpochOrder.Shuffled(data.Train.Count, options.BatchSize, options.Seed, state.Epoch)
                : EpochOrder.ClassBalanced(_samplesByClass, data.Train.Count, options.BatchSize, options.Seed, state.Epoch);
            try
            {
                foreach (var batch in loader.Batches(order, state.Epoch, state.StepInEpoch, cancellationToken))
                {
                    if (cancellationToken.IsCancellationRequested)
                        break;
                    learningRate = schedule.At(state.GlobalStep);
                    OptimizerFactory.SetLearningRate(optimizer, learningRate, options.HeadLearningRateMultiplier);
                    var (loss, correct) = Step(batch);
                    state = state with
                    {
                        StepInEpoch = batch.Step + 1,
                        GlobalStep = state.GlobalStep + 1,
                        EpochLossSum = state.EpochLossSum + loss * batch.Count,
                        EpochCorrect = state.EpochCorrect + correct,
                        EpochSeen = state.EpochSeen + batch.Count,
                        EpochSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds,
                    };
                    meter.Add(batch.Count);
                    if (state.StepInEpoch % settings.ProgressEveryBatches == 0 || state.StepInEpoch == _stepsPerEpoch)
                        Report(state, learningRate, meter);
                    if (settings.CheckpointEveryMinutes > 0 && sinceCheckpoint.Elapsed.TotalMinutes >= settings.CheckpointEveryMinutes
                        && state.StepInEpoch < _stepsPerEpoch && MayWrite)
                    {
                        checkpoints.Save(model, description, optimizer, state);
                        sinceCheckpoint.Restart();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            if (loader.SkippedSamples > skippedReported)
            {
                logger.LogWarning("{Skipped} training images could not be decoded and are left out of their batches", loader.SkippedSamples);
                skippedReported = loader.SkippedSamples;
            }
            if (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    state = EndEpoch(state, learningRate, cancellationToken);
                    if (MayWrite)
                        checkpoints.Save(model, description, optimizer, state);
                    sinceCheckpoint.Restart();
                    continue;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled while validating: the state still says "all batches done", so a resume validates again.
                }
            }
            return Cancelled(state);
        }
        return state;
    }

    private static int[][] SamplesByClass(TrainingData data)
    {
        var train = data.Train;
        return Enumerable.Range(0, data.Classes.Count)
            .Select(c => Enumerable.Range(0, train.Count).Where(i => train.LabelAt(i) == c).ToArray())
            .ToArray();
    }

    private bool MayWrite => observer?.MayWrite != false;

    private TrainerState Cancelled(TrainerState state)
    {
        if (!MayWrite)
        {
            logger.LogInformation("Stopped at epoch {Epoch} step {Step}; the run is no longer this trainer's, so no checkpoint is written", state.Epoch, state.StepInEpoch);
            return state;
        }
        var path = checkpoints.Save(model, description, optimizer, state);
        logger.LogInformation("Cancelled at epoch {Epoch} step {Step}; checkpoint {Checkpoint} kept", state.Epoch, state.StepInEpoch, path);
        return state;
    }

    private (double Loss, long Correct) Step(HostBatch batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = NewDisposeScope();
        var result = _step.Run(transfer.Images(batch.Pixels, batch.Count), transfer.Labels(batch.Labels));
        TrainingTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, run);
        TrainingTelemetry.Images.Add(batch.Count, run);
        return result;
    }

    private TrainerState EndEpoch(TrainerState state, double learningRate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var validation = Evaluator.Evaluate(model, data.Validation, data.Shape, data.EvaluationRegion, transfer, options.BatchSize, cancellationToken);
        var seen = Math.Max(1, state.EpochSeen);
        var metrics = new EpochMetrics(state.Epoch, state.EpochLossSum / seen, (double)state.EpochCorrect / seen,
            validation.Loss, validation.Accuracy, validation.Top5Accuracy, learningRate, state.EpochSeconds + clock.Elapsed.TotalSeconds);

        state = EarlyStopping.AfterEpoch(state, metrics, options.EarlyStoppingPatience);
        if (state.BestEpoch == metrics.Epoch && MayWrite)
            checkpoints.SaveBest(model, description);
        logger.LogInformation(
            "Epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4} accuracy {TrainAccuracy:P2}, validation loss {ValidationLoss:F4} accuracy {ValidationAccuracy:P2}, {Seconds:F1} s{Stop}",
            metrics.Epoch, options.Epochs, metrics.TrainLoss, metrics.TrainAccuracy, metrics.ValidationLoss, metrics.ValidationAccuracy,
            metrics.DurationSeconds, state.StoppedEarly ? $"; no improvement for {state.EpochsWithoutImprovement} epochs, stopping early" : "");
        TrainingTelemetry.EpochDuration.Record(metrics.DurationSeconds, run);
        observer?.OnEpochCompleted(metrics);
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

    private void Report(TrainerState state, double learningRate, ProgressMeter meter)
    {
        if (observer is null)
            return;
        var (imagesPerSecond, eta) = meter.Read(state.GlobalStep);
        var seen = Math.Max(1, state.EpochSeen);
        observer.OnProgress(new TrainingProgress(state.Epoch, options.Epochs, state.StepInEpoch, _stepsPerEpoch,
            state.EpochLossSum / seen, (double)state.EpochCorrect / seen, learningRate, imagesPerSecond, eta));
    }
}
