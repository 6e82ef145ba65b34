using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine.Callbacks;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Optimization;
using TorchSharp.Modules;

namespace ResNetService.Training.Tests.Engine.Callbacks;

/// <summary>A ResNet-8 with its optimiser, as a session hands it to its callbacks, and a checkpoint folder of its own.</summary>
internal sealed class CallbackRun : IDisposable
{
    private CallbackRun(ResNet model, SGD optimizer, ModelDescription description, string folder)
    {
        Model = model;
        Optimizer = optimizer;
        Folder = folder;
        Run = new TrainingRun(model, optimizer, description, Epochs: 3, StepsPerEpoch: 4);
        Checkpoints = new TrainingCheckpoints(folder, keepLast: 10);
    }

    public ResNet Model { get; }

    public SGD Optimizer { get; }

    public string Folder { get; }

    public TrainingRun Run { get; }

    public TrainingCheckpoints Checkpoints { get; }

    public static CallbackRun Create()
    {
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(1, 16, 16), 4);
        var model = new ResNet(config);
        var description = new ModelDescription(config, ["a", "b", "c", "d"], new InputNormalization([0.5f], [0.25f]), EvalTransform.Squash);
        var folder = Directory.CreateTempSubdirectory("resnet-callbacks-").FullName;
        return new CallbackRun(model, OptimizerFactory.Create(model, new TrainingOptions()), description, folder);
    }

    /// <summary>The training checkpoints written, oldest first.</summary>
    public IReadOnlyList<string> TrainingFiles() => Directory.GetFiles(Folder, "train-*.ckpt").Order(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
