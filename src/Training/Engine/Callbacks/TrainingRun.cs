using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using TorchSharp.Modules;

namespace ResNetService.Training.Engine.Callbacks;

/// <summary>What callbacks see of the run they act on: the network being trained, its optimiser and description, and the run's length.</summary>
/// <param name="Epochs">Every epoch of the run, also when this session stops earlier at an epoch limit.</param>
public sealed record TrainingRun(ResNet Model, SGD Optimizer, ModelDescription Description, int Epochs, int StepsPerEpoch)
{
    public long TotalSteps => (long)Epochs * StepsPerEpoch;
}
