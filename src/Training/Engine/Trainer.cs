using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Model;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;
using ResNetService.Training.Telemetry;
using TorchSharp;

namespace ResNetService.Training.Engine;

/// <summary>
/// Trains a network on a dataset, synchronously on the calling thread (TorchSharp's dispose scopes and no_grad are
/// per thread): assembles a <see cref="TrainingSession"/> and its callbacks, which checkpoint after every epoch and
/// every few minutes; a run started again on the same folder resumes from its newest checkpoint and ends with the
/// same weights as an uninterrupted run.
/// </summary>
public sealed class Trainer(ILogger? logger = null)
{
    public const string ModelFileName = "model.ckpt";
    public const string CheckpointsFolder = "checkpoints";
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public TrainingResult Run(TrainingJob job, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        NativeMemory.Tune();
        var options = job.Options;
        var settings = job.Settings ?? new TrainerSettings();
        var device = TorchDevices.Resolve(settings.Device);
        var checkpoints = new TrainingCheckpoints(Path.Combine(job.RunFolder, CheckpointsFolder), settings.KeepLastCheckpoints);
        // Owned from here, so a failure while the data is prepared does not leak the restored weights.
        using var start = RunStart.Find(job, checkpoints, _logger);

        var readOptions = job.ReadOptions ?? DatasetReadOptions.Default;
        var dataset = DatasetReader.Open(job.DatasetFolder, readOptions);
        start.CheckChannels(dataset);
        var data = TrainingData.Prepare(dataset, start.Network(job), options, readOptions, settings.MaxInMemoryBytes, start.Normalization, cancellationToken);
        var description = new ModelDescription(data.Config, data.Classes, data.Normalization, data.EvalTransform);
        if (data.SkippedSamples > 0)
            _logger.LogWarning("{Skipped} images could not be decoded and are left out", data.SkippedSamples);
        start.CheckResume(data, options);
        if (!data.Plan.HoldOut && dataset.Validation is null)
            _logger.LogInformation("Too few images per class to hold {Fraction:P0} out for validation: training on all of them, the validation figures are on the training images and the model is the last epoch's",
                options.ValidationFraction);
        if (FreezeLevel.Problem(options.Freeze, data.Config) is { } freeze)
            throw new InvalidOperationException(freeze);
        _logger.LogInformation("Training {Architecture} on {Train} images ({Storage}), validating on {Validation}, on {Device}{Resume}",
            data.Config, data.Train.Count, data.InMemory ? "in memory" : "streamed from disk", data.Validation.Count, device, start.Describe());

        var (model, initialState) = start.Begin(data, options);
        model.to(device);
        model.Freeze(FreezeLevel.Parts(options.Freeze, data.Config));
        model.train();
        using var optimizer = OptimizerFactory.Create(model, options);
        start.RestoreOptimizer(optimizer, device);
        using var transfer = new InputTransfer(data.Shape, data.Normalization, device);
        using var classWeights = options.ClassBalance == ClassBalance.Weights
            ? torch.tensor(ClassWeights.InverseFrequency(data.TrainClassCounts), device: device)
            : null;

        var run = TrainingTelemetry.RunOf(job.RunName);
        var session = new TrainingSession(new SessionSetup(model, optimizer, transfer, data, description, options, classWeights,
            Math.Min(options.Epochs, job.EpochLimit ?? options.Epochs), run, Callbacks(options, data.Plan, settings, checkpoints, observer, run), _logger));
        var state = session.Run(initialState, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
            return Unfinished(TrainingOutcome.Cancelled);
        if (state.Epoch <= options.Epochs && !state.StoppedEarly)
        {
            _logger.LogInformation("Stopped at the epoch limit {Limit} of {Epochs} epochs; the checkpoint is kept for a higher limit", job.EpochLimit, options.Epochs);
            return Unfinished(TrainingOutcome.ReachedEpochLimit);
        }

        return Finish(job, data, description, checkpoints, state, transfer, observer, cancellationToken);

        TrainingResult Unfinished(TrainingOutcome outcome) => new(outcome, null, description, state.History, state.BestEpoch, state.BestValidationAccuracy, null,
            data.TrainClassCounts, state.ClassifierReinitialised) { ValidatedOnTrainingImages = !data.Plan.SelectsBestEpoch };
    }

    /// <summary>The order matters: early stopping names the best epoch before its weights are kept and the epoch is logged and reported.</summary>
    private List<ITrainingCallback> Callbacks(TrainingOptions options, ValidationPlan plan, TrainerSettings settings, TrainingCheckpoints checkpoints,
        ITrainingObserver? observer, KeyValuePair<string, object?> run)
    {
        var mayWrite = () => observer?.MayWrite != false;
        List<ITrainingCallback> callbacks =
        [
            new EarlyStopping(options.EarlyStoppingPatience, plan.SelectsBestEpoch),
            new BestWeights(checkpoints, mayWrite),
            new EpochLog(_logger),
            new StepTelemetry(run),
        ];
        if (observer is not null)
            callbacks.Add(new ObserverReport(observer, settings.ProgressEveryBatches));
        callbacks.Add(new ResumeCheckpoints(checkpoints, settings.CheckpointEveryMinutes, mayWrite, _logger));
        return callbacks;
    }

    private TrainingResult Finish(TrainingJob job, TrainingData data, ModelDescription description, TrainingCheckpoints checkpoints,
        TrainerState state, InputTransfer transfer, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        using var best = ModelCheckpoint.Load(checkpoints.BestPath, transfer.Device).Model;
        var (split, source) = data.Test is { } test ? (SplitNames.Test, test) : (SplitNames.Validation, data.Validation);
        var evaluation = Evaluator.Evaluate(best, source, data.Shape, data.EvaluationRegion, transfer, job.Options.BatchSize, cancellationToken);
        var report = ClassificationReport.Report(split, evaluation, data.Classes);
        var modelPath = Path.Combine(job.RunFolder, ModelFileName);
        if (observer?.MayWrite == false)
            throw new OperationCanceledException("The run is no longer this trainer's; its model is not written.", cancellationToken);
        ModelCheckpoint.Save(modelPath, best, description);
        _logger.LogInformation("Best epoch {Epoch} ({Accuracy:P2} validation accuracy); {Split} accuracy {TestAccuracy:P2}",
            state.BestEpoch, state.BestValidationAccuracy, split, report.Accuracy);
        return new TrainingResult(state.StoppedEarly ? TrainingOutcome.StoppedEarly : TrainingOutcome.Completed,
            modelPath, description, state.History, state.BestEpoch, state.BestValidationAccuracy, report, data.TrainClassCounts, state.ClassifierReinitialised)
        {
            ValidatedOnTrainingImages = !data.Plan.SelectsBestEpoch,
        };
    }
}
