using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Model;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Evaluation;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Optimization;
using ResNetService.Training.Pipeline;
using ResNetService.Training.Telemetry;
using TorchSharp;
using static TorchSharp.torch;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Engine;

/// <summary>
/// Trains a network on a dataset, synchronously on the calling thread (TorchSharp's dispose scopes and no_grad are
/// per thread). Checkpoints after every epoch and every few minutes; a run started again on the same folder resumes
/// from its newest checkpoint and ends with the same weights as an uninterrupted run.
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
        var resume = checkpoints.Latest(e => _logger.LogWarning("Passing over a damaged checkpoint: {Problem}", e.Message));
        // Owned from here, so a failure while the data is prepared does not leak the restored weights.
        using var restored = resume?.Checkpoint.Model;

        // The model a fine-tuning run starts from matters only on its first attempt; a resume has its own weights.
        var source = resume is null && job.From is { } from ? ModelCheckpoint.Load(from.CheckpointPath) : null;
        using var sourceModel = source?.Model;
        var startArchitecture = resume?.Checkpoint.Description.Architecture ?? source?.Description.Architecture;
        var request = job.From is not null && startArchitecture is not null ? FineTuneStart.RequestFor(startArchitecture) : job.Model;

        var readOptions = job.ReadOptions ?? DatasetReadOptions.Default;
        var dataset = DatasetReader.Open(job.DatasetFolder, readOptions);
        if (source is not null && FineTuneStart.ChannelProblem(source.Description.Architecture, dataset.Manifest.ImageShape.Channels) is { } channels)
            throw new InvalidOperationException(channels);
        var data = TrainingData.Prepare(dataset, request, options, readOptions, settings.MaxInMemoryBytes,
            resume?.Checkpoint.Description.Normalization ?? source?.Description.Normalization, cancellationToken);
        var description = new ModelDescription(data.Config, data.Classes, data.Normalization, data.EvalTransform);
        if (data.SkippedSamples > 0)
            _logger.LogWarning("{Skipped} images could not be decoded and are left out", data.SkippedSamples);
        if (resume is not null && !resume.Checkpoint.Description.Architecture.Equals(data.Config))
            throw new InvalidOperationException($"The run's checkpoint holds {resume.Checkpoint.Description.Architecture}, but the job asks for {data.Config}.");
        if (resume?.State.Options is { } started && !SameHyperparameters(started with { BatchSize = options.BatchSize }, options))
            throw new InvalidOperationException("This run's checkpoint was made with other training options; only the batch size may change when a run resumes.");
        if (FreezeLevel.Problem(options.Freeze, data.Config) is { } freeze)
            throw new InvalidOperationException(freeze);
        _logger.LogInformation("Training {Architecture} on {Train} images ({Storage}), validating on {Validation}, on {Device}{Resume}",
            data.Config, data.Train.Count, data.InMemory ? "in memory" : "streamed from disk", data.Validation.Count, device,
            resume is null ? "" : $", resuming at epoch {resume.State.Epoch} step {resume.State.StepInEpoch}");

        using var fresh = restored is null ? ResNet.Seeded(data.Config, options.Seed) : null;
        var initialState = resume is null
            ? new TrainerState { Options = options, ClassifierReinitialised = StartFrom(source, fresh, data) }
            : Continued(resume.State, options, data.Train.Count);
        var model = restored ?? fresh!;
        model.to(device);
        model.Freeze(FreezeLevel.Parts(options.Freeze, data.Config));
        model.train();
        using var optimizer = OptimizerFactory.Create(model, options);
        if (resume is not null)
            TrainingCheckpoints.RestoreOptimizer(optimizer, resume.OptimizerState, device);
        using var transfer = new InputTransfer(data.Shape, data.Normalization, device);
        using var classWeights = options.ClassBalance == ClassBalance.Weights
            ? torch.tensor(ClassWeights.InverseFrequency(data.TrainClassCounts), device: device)
            : null;

        var loop = new TrainingLoop(model, optimizer, transfer, data, description, checkpoints, options, settings, classWeights, observer,
            TrainingTelemetry.RunOf(job.RunName), _logger, Math.Min(options.Epochs, job.EpochLimit ?? options.Epochs));
        var state = loop.Run(initialState, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
            return Unfinished(TrainingOutcome.Cancelled);
        if (state.Epoch <= options.Epochs && !state.StoppedEarly)
        {
            _logger.LogInformation("Stopped at the epoch limit {Limit} of {Epochs} epochs; the checkpoint is kept for a higher limit", job.EpochLimit, options.Epochs);
            return Unfinished(TrainingOutcome.ReachedEpochLimit);
        }

        return Finish(job, data, description, checkpoints, state, transfer, observer, cancellationToken);

        TrainingResult Unfinished(TrainingOutcome outcome) => new(outcome, null, description, state.History, state.BestEpoch, state.BestValidationAccuracy, null,
            data.TrainClassCounts, state.ClassifierReinitialised);
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
            modelPath, description, state.History, state.BestEpoch, state.BestValidationAccuracy, report, data.TrainClassCounts, state.ClassifierReinitialised);
    }

    /// <summary>Puts the source model's weights into a fresh network; the classifier keeps its fresh initialisation when the classes differ.</summary>
    /// <returns>Whether the classifier was re-initialised; null when the run does not start from a model.</returns>
    private bool? StartFrom(LoadedCheckpoint? source, ResNet? fresh, TrainingData data)
    {
        if (source is null || fresh is null)
            return null;
        var keepsClassifier = FineTuneStart.KeepsClassifier(source.Description.Classes, data.Classes);
        FineTuneStart.CopyWeights(source.Model, fresh, keepsClassifier);
        if (keepsClassifier)
            _logger.LogInformation("Starting from the model's weights, classifier included (same {Classes} classes)", data.Classes.Count);
        else
            _logger.LogInformation("Starting from the model's weights; its classifier ({Source} classes) is re-initialised for the dataset's {Classes} classes",
                source.Description.Classes.Count, data.Classes.Count);
        return !keepsClassifier;
    }

    /// <summary>Compared as stored, because record equality would compare the lists by reference.</summary>
    private static bool SameHyperparameters(TrainingOptions a, TrainingOptions b) =>
        JsonSerializer.Serialize(a, CheckpointJson.Options) == JsonSerializer.Serialize(b, CheckpointJson.Options);

    /// <summary>
    /// Where a resumed run goes on. With the batch size it started with, exactly where it stopped. With another (a
    /// run that ran out of memory resumes smaller), the epoch in progress starts over, because a position inside an
    /// epoch and the learning-rate schedule are counted in batches.
    /// </summary>
    private static TrainerState Continued(TrainerState saved, TrainingOptions options, int trainCount)
    {
        if (saved.Options is null || saved.Options.BatchSize == options.BatchSize)
            return saved;
        return saved with
        {
            Options = options,
            StepInEpoch = 0,
            GlobalStep = (long)(saved.Epoch - 1) * EpochOrder.TrainingBatches(trainCount, options.BatchSize),
            EpochLossSum = 0,
            EpochCorrect = 0,
            EpochSeen = 0,
            EpochSeconds = 0,
        };
    }
}
