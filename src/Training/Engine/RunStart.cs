using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Data;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Pipeline;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Training.Engine;

/// <summary>
/// Where a run starts: at its newest checkpoint when it has one (a resume), else from the model it fine-tunes from,
/// else from fresh weights of its seed. Owns every network it loads or makes.
/// </summary>
internal sealed class RunStart : IDisposable
{
    private readonly ResumePoint? _resume;
    private readonly LoadedCheckpoint? _source;
    private readonly ILogger _logger;
    private ResNet? _fresh;

    private RunStart(ResumePoint? resume, LoadedCheckpoint? source, ILogger logger)
    {
        _resume = resume;
        _source = source;
        _logger = logger;
    }

    public static RunStart Find(TrainingJob job, TrainingCheckpoints checkpoints, ILogger logger)
    {
        var resume = checkpoints.Latest(e => logger.LogWarning("Passing over a damaged checkpoint: {Problem}", e.Message));
        // The model a fine-tuning run starts from matters only on its first attempt; a resume has its own weights.
        var source = resume is null && job.From is { } from ? ModelCheckpoint.Load(from.CheckpointPath) : null;
        return new RunStart(resume, source, logger);
    }

    /// <summary>The statistics the run already normalises with; null: the data measures them.</summary>
    public InputNormalization? Normalization => _resume?.Checkpoint.Description.Normalization ?? _source?.Description.Normalization;

    /// <summary>The network to train: a fine-tuning run's is its start's architecture.</summary>
    public TrainingNetwork Network(TrainingJob job)
    {
        var architecture = _resume?.Checkpoint.Description.Architecture ?? _source?.Description.Architecture;
        return job.From is not null && architecture is not null ? FineTuneStart.RequestFor(architecture) : job.Model;
    }

    public void CheckChannels(OpenedDataset dataset)
    {
        if (_source is not null && FineTuneStart.ChannelProblem(_source.Description.Architecture, dataset.Manifest.ImageShape.Channels) is { } channels)
            throw new InvalidOperationException(channels);
    }

    /// <summary>A resume goes on only with the network and the options it started with (but for the batch size).</summary>
    public void CheckResume(TrainingData data, TrainingOptions options)
    {
        if (_resume is null)
            return;
        if (!_resume.Checkpoint.Description.Architecture.Equals(data.Config))
            throw new InvalidOperationException($"The run's checkpoint holds {_resume.Checkpoint.Description.Architecture}, but the job asks for {data.Config}.");
        if (_resume.State.Options is { } started && !SameHyperparameters(started with { BatchSize = options.BatchSize }, options))
            throw new InvalidOperationException("This run's checkpoint was made with other training options; only the batch size may change when a run resumes.");
    }

    public string Describe() => _resume is null ? "" : $", resuming at epoch {_resume.State.Epoch} step {_resume.State.StepInEpoch}";

    /// <summary>The network to train and the state the run goes on from.</summary>
    public (ResNet Model, TrainerState State) Begin(TrainingData data, TrainingOptions options)
    {
        if (_resume is not null)
            return (_resume.Checkpoint.Model, Continued(_resume.State, options, data.Train.Count));
        _fresh = ResNet.Seeded(data.Config, options.Seed);
        return (_fresh, new TrainerState { Options = options, ClassifierReinitialised = StartFrom(_fresh, data) });
    }

    public void RestoreOptimizer(SGD optimizer, Device device)
    {
        if (_resume is not null)
            TrainingCheckpoints.RestoreOptimizer(optimizer, _resume.OptimizerState, device);
    }

    public void Dispose()
    {
        _fresh?.Dispose();
        _source?.Model.Dispose();
        _resume?.Checkpoint.Model.Dispose();
    }

    /// <summary>Puts the source model's weights into the fresh network; the classifier keeps its fresh initialisation when the classes differ.</summary>
    /// <returns>Whether the classifier was re-initialised; null when the run does not start from a model.</returns>
    private bool? StartFrom(ResNet fresh, TrainingData data)
    {
        if (_source is null)
            return null;
        var keepsClassifier = FineTuneStart.KeepsClassifier(_source.Description.Classes, data.Classes);
        FineTuneStart.CopyWeights(_source.Model, fresh, keepsClassifier);
        if (keepsClassifier)
            _logger.LogInformation("Starting from the model's weights, classifier included (same {Classes} classes)", data.Classes.Count);
        else
            _logger.LogInformation("Starting from the model's weights; its classifier ({Source} classes) is re-initialised for the dataset's {Classes} classes",
                _source.Description.Classes.Count, data.Classes.Count);
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
