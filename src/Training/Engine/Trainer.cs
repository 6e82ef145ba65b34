using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Model;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Data;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Optimization;
using ResNetService.Training.Pipeline;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

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

        var readOptions = job.ReadOptions ?? DatasetReadOptions.Default;
        var dataset = DatasetReader.Open(job.DatasetFolder, readOptions);
        var data = TrainingData.Prepare(dataset, job.Model, options, readOptions, settings.MaxInMemoryBytes,
            resume?.Checkpoint.Description.Normalization, cancellationToken);
        var description = new ModelDescription(data.Config, data.Classes, data.Normalization);
        if (data.SkippedSamples > 0)
            _logger.LogWarning("{Skipped} images could not be decoded and are left out", data.SkippedSamples);
        if (resume is not null && !resume.Checkpoint.Description.Architecture.Equals(data.Config))
            throw new InvalidOperationException($"The run's checkpoint holds {resume.Checkpoint.Description.Architecture}, but the job asks for {data.Config}.");
        if (resume?.State.Options is { } started && !SameHyperparameters(started with { BatchSize = options.BatchSize }, options))
            throw new InvalidOperationException("This run's checkpoint was made with other training options; only the batch size may change when a run resumes.");
        var startState = resume is null ? new TrainerState { Options = options } : Continued(resume.State, options, data.Train.Count);
        _logger.LogInformation("Training {Architecture} on {Train} images ({Storage}), validating on {Validation}, on {Device}{Resume}",
            data.Config, data.Train.Count, data.InMemory ? "in memory" : "streamed from disk", data.Validation.Count, device,
            resume is null ? "" : $", resuming at epoch {resume.State.Epoch} step {resume.State.StepInEpoch}");

        torch.manual_seed(options.Seed);
        using var fresh = restored is null ? new ResNet(data.Config) : null;
        var model = restored ?? fresh!;
        model.to(device);
        model.train();
        using var optimizer = OptimizerFactory.Create(model, options);
        if (resume is not null)
            TrainingCheckpoints.RestoreOptimizer(optimizer, resume.OptimizerState, device);
        using var transfer = new InputTransfer(data.Shape, data.Normalization, device);

        var loop = new TrainingLoop(model, optimizer, transfer, data, description, checkpoints, options, settings, observer, _logger);
        var state = loop.Run(startState, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
            return new TrainingResult(TrainingOutcome.Cancelled, null, description, state.History, state.BestEpoch, state.BestValidationAccuracy, null);

        return Finish(job, data, description, checkpoints, state, transfer, cancellationToken);
    }

    private TrainingResult Finish(TrainingJob job, TrainingData data, ModelDescription description, TrainingCheckpoints checkpoints,
        TrainerState state, InputTransfer transfer, CancellationToken cancellationToken)
    {
        using var best = ModelCheckpoint.Load(checkpoints.BestPath, transfer.Device).Model;
        var (split, source) = data.Test is { } test ? (SplitNames.Test, test) : (SplitNames.Validation, data.Validation);
        var evaluation = Evaluator.Evaluate(best, source, data.Shape, transfer, job.Options.BatchSize, cancellationToken);
        var report = ClassificationReport.Report(split, evaluation, data.Classes);
        var modelPath = Path.Combine(job.RunFolder, ModelFileName);
        ModelCheckpoint.Save(modelPath, best, description);
        _logger.LogInformation("Best epoch {Epoch} ({Accuracy:P2} validation accuracy); {Split} accuracy {TestAccuracy:P2}",
            state.BestEpoch, state.BestValidationAccuracy, split, report.Accuracy);
        return new TrainingResult(state.StoppedEarly ? TrainingOutcome.StoppedEarly : TrainingOutcome.Completed,
            modelPath, description, state.History, state.BestEpoch, state.BestValidationAccuracy, report);
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
