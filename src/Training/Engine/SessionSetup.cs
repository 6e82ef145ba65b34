using Microsoft.Extensions.Logging;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Hyperparameters;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Training.Engine;

/// <summary>Everything one <see cref="TrainingSession"/> runs with, as the <see cref="Trainer"/> assembled it.</summary>
/// <param name="ClassWeights">Per-class loss weights on the model's device; null weighs every sample the same.</param>
/// <param name="LastEpoch">The session stops after this epoch, even when the options ask for more (a job's epoch limit).</param>
/// <param name="RunTag">The <c>run</c> tag of the session's spans.</param>
/// <param name="Callbacks">Called at every hook in this order.</param>
internal sealed record SessionSetup(
    ResNet Model,
    SGD Optimizer,
    InputTransfer Transfer,
    TrainingData Data,
    ModelDescription Description,
    TrainingOptions Options,
    Tensor? ClassWeights,
    int LastEpoch,
    KeyValuePair<string, object?> RunTag,
    IReadOnlyList<ITrainingCallback> Callbacks,
    ILogger Logger);
